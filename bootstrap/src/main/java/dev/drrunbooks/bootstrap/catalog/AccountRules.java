package dev.drrunbooks.bootstrap.catalog;

import dev.drrunbooks.catalog.AccountSpec;
import dev.drrunbooks.catalog.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalog's AWS accounts: {@code accountId} (the services' default) and a service's own {@code
 * accountId} are 12 digits; each {@code accounts} entry is keyed by an account id and names a role
 * in that account ({@code arn:aws:iam::ID:role/NAME}) and optionally an external id as STS takes
 * one (2 to 1224 of letters, digits and {@code +=,.@:/-}, see
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html); a service in another
 * account than the catalog's must have an {@code accounts} entry, or its calls would go to the
 * worker's own account.
 */
final class AccountRules {
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws(?:-[a-z]+)*:iam::(\\d{12}):role/[\\w+=,.@/-]{1,512}");
  private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

  private AccountRules() {}

  static List<CatalogException.Problem> check(Catalog catalog) {
    List<CatalogException.Problem> problems = new ArrayList<>();
    if (catalog.accountId() != null && !ACCOUNT.matcher(catalog.accountId()).matches()) {
      problems.add(
          new CatalogException.Problem(
              "accountId",
              "'" + catalog.accountId() + "' is not an AWS account id; allowed: 12 digits"));
    }
    for (Map.Entry<String, AccountSpec> e : catalog.accounts().entrySet()) {
      String at = "accounts." + e.getKey();
      if (!ACCOUNT.matcher(e.getKey()).matches()) {
        problems.add(
            new CatalogException.Problem(
                at, "'" + e.getKey() + "' is not an AWS account id; allowed: 12 digits"));
        continue;
      }
      AccountSpec spec = e.getValue();
      if (spec == null || spec.roleArn() == null || spec.roleArn().isBlank()) {
        problems.add(
            new CatalogException.Problem(
                at + ".roleArn",
                "required field is missing; allowed: arn:aws:iam::" + e.getKey() + ":role/NAME"));
        continue;
      }
      Matcher role = ROLE_ARN.matcher(spec.roleArn());
      if (!role.matches()) {
        problems.add(
            new CatalogException.Problem(
                at + ".roleArn",
                "'"
                    + spec.roleArn()
                    + "' is not an IAM role ARN; allowed: arn:aws:iam::"
                    + e.getKey()
                    + ":role/NAME"));
      } else if (!role.group(1).equals(e.getKey())) {
        problems.add(
            new CatalogException.Problem(
                at + ".roleArn",
                "'"
                    + spec.roleArn()
                    + "' is a role in account "
                    + role.group(1)
                    + ", not "
                    + e.getKey()
                    + "; allowed: a role in the account it reaches"));
      }
      if (spec.externalId() != null && !EXTERNAL_ID.matcher(spec.externalId()).matches()) {
        problems.add(
            new CatalogException.Problem(
                at + ".externalId",
                "'"
                    + spec.externalId()
                    + "' is not an STS external id; allowed: 2 to 1224 letters, digits and"
                    + " +=,.@:/-"));
      }
    }
    catalog
        .services()
        .forEach(
            (key, s) -> {
              if (s == null || s.accountId() == null) return;
              String at = "services." + key + ".accountId";
              if (!ACCOUNT.matcher(s.accountId()).matches()) {
                problems.add(
                    new CatalogException.Problem(
                        at,
                        "'" + s.accountId() + "' is not an AWS account id; allowed: 12 digits"));
              } else if (!s.accountId().equals(catalog.accountId())
                  && !catalog.accounts().containsKey(s.accountId())) {
                problems.add(
                    new CatalogException.Problem(
                        at,
                        "account "
                            + s.accountId()
                            + " is not the catalog's accountId ("
                            + catalog.accountId()
                            + ") and has no accounts."
                            + s.accountId()
                            + ".roleArn to reach it; allowed: "
                            + allowedAccounts(catalog)));
              }
            });
    return problems;
  }

  private static String allowedAccounts(Catalog catalog) {
    List<String> allowed = new ArrayList<>();
    allowed.add(String.valueOf(catalog.accountId()));
    catalog.accounts().keySet().stream().sorted().forEach(allowed::add);
    return String.join(", ", allowed);
  }
}
