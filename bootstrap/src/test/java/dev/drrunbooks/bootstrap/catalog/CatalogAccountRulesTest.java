package dev.drrunbooks.bootstrap.catalog;

import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.accepted;
import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.edit;
import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.only;
import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.drrunbooks.catalog.Catalog;
import org.junit.jupiter.api.Test;

/** The catalog's accounts: ids, the roles that reach them, and services in other accounts. */
class CatalogAccountRulesTest {
  private static final String ACCOUNT_LINE = "accountId: \"123456789012\"\n";
  private static final String LOCATIONS = "  locations:\n    displayName: Locations\n";

  private static String withAccounts(String accountsBlock, String locationsAccount) {
    String yaml = edit(ACCOUNT_LINE, ACCOUNT_LINE + accountsBlock);
    return locationsAccount == null
        ? yaml
        : CatalogEdits.edit(
            yaml, LOCATIONS, LOCATIONS + "    accountId: \"" + locationsAccount + "\"\n");
  }

  @Test
  void aServiceInAnotherAccountWithItsRoleIsAcceptedAndNamesThatAccount() {
    Catalog c =
        accepted(
            withAccounts(
                "accounts:\n  \"210987654321\": { roleArn:"
                    + " \"arn:aws:iam::210987654321:role/dr-runbooks-worker\", externalId:"
                    + " \"mycomputer-dr\" }\n",
                "210987654321"));
    assertEquals("210987654321", c.definitionOf("locations").accountId());
    assertEquals("123456789012", c.definitionOf("inventory").accountId());
    assertEquals("mycomputer-dr", c.accounts().get("210987654321").externalId());
    assertNull(c.services().get("inventory").accountId());
  }

  @Test
  void aServiceInAnotherAccountNeedsARoleThere() {
    assertEquals(
        only(
            "services.locations.accountId",
            "account 210987654321 is not the catalog's accountId (123456789012) and has no"
                + " accounts.210987654321.roleArn to reach it; allowed: 123456789012"),
        problems(withAccounts("", "210987654321")));
    assertEquals(
        only(
            "services.locations.accountId",
            "'21098765432' is not an AWS account id; allowed: 12 digits"),
        problems(withAccounts("", "21098765432")));
  }

  @Test
  void aRoleMustBeAnIamRoleArnOfTheAccountItReaches() {
    assertEquals(
        only(
            "accounts.210987654321.roleArn",
            "'arn:aws:iam::111111111111:role/x' is a role in account 111111111111, not"
                + " 210987654321; allowed: a role in the account it reaches"),
        problems(
            withAccounts(
                "accounts:\n"
                    + "  \"210987654321\": { roleArn: \"arn:aws:iam::111111111111:role/x\" }\n",
                null)));
    assertEquals(
        only(
            "accounts.210987654321.roleArn",
            "'arn:aws:iam::210987654321:user/x' is not an IAM role ARN; allowed:"
                + " arn:aws:iam::210987654321:role/NAME"),
        problems(
            withAccounts(
                "accounts:\n"
                    + "  \"210987654321\": { roleArn: \"arn:aws:iam::210987654321:user/x\" }\n",
                null)));
    assertEquals(
        only(
            "accounts.210987654321.roleArn",
            "required field is missing; allowed: arn:aws:iam::210987654321:role/NAME"),
        problems(withAccounts("accounts:\n  \"210987654321\": { externalId: abc }\n", null)));
    assertEquals(
        only("accounts.2109876543", "'2109876543' is not an AWS account id; allowed: 12 digits"),
        problems(
            withAccounts(
                "accounts:\n  \"2109876543\": { roleArn: \"arn:aws:iam::2109876543:role/x\" }\n",
                null)));
  }

  @Test
  void anExternalIdIsWhatStsTakes() {
    String role = "roleArn: \"arn:aws:iam::210987654321:role/dr-runbooks-worker\"";
    assertEquals(
        only(
            "accounts.210987654321.externalId",
            "'a b' is not an STS external id; allowed: 2 to 1224 letters, digits and +=,.@:/-"),
        problems(
            withAccounts(
                "accounts:\n  \"210987654321\": { " + role + ", externalId: \"a b\" }\n", null)));
    assertEquals(
        only(
            "accounts.210987654321.externalId",
            "'x' is not an STS external id; allowed: 2 to 1224 letters, digits and +=,.@:/-"),
        problems(
            withAccounts(
                "accounts:\n  \"210987654321\": { " + role + ", externalId: x }\n", null)));
    assertEquals(
        "a:b/c=d",
        accepted(
                withAccounts(
                    "accounts:\n  \"210987654321\": { " + role + ", externalId: \"a:b/c=d\" }\n",
                    null))
            .accounts()
            .get("210987654321")
            .externalId());
  }

  @Test
  void theCatalogsAccountIdIsTwelveDigits() {
    assertEquals(
        only("accountId", "'12345' is not an AWS account id; allowed: 12 digits"),
        problems(edit(ACCOUNT_LINE, "accountId: \"12345\"\n")));
  }
}
