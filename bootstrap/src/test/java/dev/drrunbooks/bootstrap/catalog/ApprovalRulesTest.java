package dev.drrunbooks.bootstrap.catalog;

import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.accepted;
import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.edit;
import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.only;
import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.problem;
import static dev.drrunbooks.bootstrap.catalog.CatalogEdits.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drrunbooks.catalog.ApprovalSpec;
import dev.drrunbooks.catalog.Catalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalog's approver groups and the services' approval policies, at their boundaries. */
class ApprovalRulesTest {
  private static final String GROUPS =
      "approverGroups:\n"
          + "  sre-oncall: [operator:sre-alice, operator:sre-bob, slack:U0DEMO, pagerduty:PDEMOSRE,"
          + " generic:demo-bot]\n";
  private static final String PAYMENTS = "    approval: { approvers: [group:sre-oncall] }\n";

  private static String payments(String approval) {
    return edit(PAYMENTS, "    approval: " + approval + "\n");
  }

  private static String groups(String groups) {
    return edit(GROUPS, "approverGroups:\n" + groups);
  }

  @Test
  void theCatalogsPolicyLoadsWithItsGroupExpandedForTheRuns() {
    Catalog c = accepted(edit("", ""));
    ApprovalSpec payments = c.definitionOf("payments").approval();
    assertEquals(
        List.of(
            "operator:sre-alice",
            "operator:sre-bob",
            "slack:U0DEMO",
            "pagerduty:PDEMOSRE",
            "generic:demo-bot"),
        payments.approvers());
    assertEquals(List.of("group:sre-oncall"), c.services().get("payments").approval().approvers());
    assertEquals(null, c.definitionOf("inventory").approval());
  }

  @Test
  void approversAreIdentitiesAsTheirChannelVerifiesThemOrDefinedGroups() {
    assertEquals(
        only(
            "services.payments.approval.approvers[0]",
            "'alice' is not an identity; write operator:NAME (the dr CLI's DR_OPERATOR),"
                + " slack:USER_ID, pagerduty:USER_ID or generic:BOT, or group:NAME"),
        problems(payments("{ approvers: [alice] }")));
    assertEquals(
        only(
            "services.payments.approval.approvers[1]",
            "'email:bob@example.com' is not an identity; write operator:NAME (the dr CLI's"
                + " DR_OPERATOR), slack:USER_ID, pagerduty:USER_ID or generic:BOT, or group:NAME"),
        problems(payments("{ approvers: [operator:alice, email:bob@example.com] }")));
    assertEquals(
        only(
            "services.payments.approval.approvers[0]",
            "group 'dbas' is not defined under approverGroups; defined: sre-oncall"),
        problems(payments("{ approvers: [group:dbas] }")));
    accepted(payments("{ approvers: [operator:a.b-c_d@x, slack:U0123, pagerduty:P1, generic:b] }"));
  }

  @Test
  void groupsHoldIdentitiesNeverOtherGroupsAndAreNotEmpty() {
    assertEquals(
        only(
            "approverGroups.sre-oncall[1]",
            "a group cannot contain another group ('group:sre-oncall')"),
        problems(groups("  sre-oncall: [operator:a, group:sre-oncall]\n")));
    assertEquals(
        List.of(
            problem(
                "approverGroups.sre-oncall[0]",
                "'sre-alice' is not an identity; write operator:NAME (the dr CLI's DR_OPERATOR),"
                    + " slack:USER_ID, pagerduty:USER_ID or generic:BOT")),
        problems(groups("  sre-oncall: [sre-alice]\n")));
    assertEquals(
        only("approverGroups.sre-oncall", "a group needs at least one identity"),
        problems(groups("  sre-oncall: []\n")));
    assertEquals(
        List.of(
            problem("approverGroups.SRE", "'SRE' must be lower-case letters, digits and hyphens"),
            problem(
                "services.payments.approval.approvers[0]",
                "group 'sre-oncall' is not defined under approverGroups; defined: SRE")),
        problems(groups("  SRE: [operator:a]\n")));
  }

  @Test
  void aCountMustBePositiveAndReachableWithTheIdentitiesAllowed() {
    assertEquals(
        only("services.payments.approval.distinctApprovers", "must be 1 or more, found 0"),
        problems(payments("{ approvers: [group:sre-oncall], distinctApprovers: 0 }")));
    assertEquals(
        only(
            "services.payments.approval.distinctApprovers",
            "6 distinct approvers can never be reached: the approvers allowed name 5 identities"),
        problems(payments("{ approvers: [group:sre-oncall], distinctApprovers: 6 }")));
    assertEquals(
        only(
            "services.payments.approval.distinctApprovers",
            "2 distinct approvers can never be reached: the approvers allowed name 1 identity"),
        problems(payments("{ approvers: [operator:a, operator:a], distinctApprovers: 2 }")));
    accepted(payments("{ approvers: [group:sre-oncall], distinctApprovers: 5 }"));
    accepted(payments("{ distinctApprovers: 3 }"));
  }

  @Test
  void gateEntriesNameRealGatesAndTheirCountsUseTheListInForceThere() {
    assertEquals(
        only(
            "services.payments.approval.gates.switch-trafic",
            "'switch-trafic' is not a gate of any procedure; gates: apply-replay,"
                + " confirm-restore-point, evacuate, switch-traffic"),
        problems(payments("{ gates: { switch-trafic: { distinctApprovers: 1 } } }")));
    assertEquals(
        only(
            "services.payments.approval.gates.apply-replay.distinctApprovers",
            "3 distinct approvers can never be reached: the approvers allowed name 2 identities"),
        problems(
            payments(
                "{ approvers: [group:sre-oncall], gates: { apply-replay: { approvers: [operator:a,"
                    + " operator:b], distinctApprovers: 3 } } }")));
    assertEquals(
        only(
            "services.payments.approval.gates.evacuate.distinctApprovers",
            "6 distinct approvers can never be reached: the approvers allowed name 5 identities"),
        problems(
            payments(
                "{ approvers: [group:sre-oncall], gates: { evacuate: { distinctApprovers: 6 } }"
                    + " }")));
    assertEquals(
        only(
            "services.payments.approval.gates.evacuate.gates",
            "a gate's entry cannot have gates of its own"),
        problems(
            payments(
                "{ gates: { evacuate: { gates: { apply-replay: { distinctApprovers: 1 } } } } }")));
    accepted(
        payments(
            "{ approvers: [group:sre-oncall], gates: { apply-replay: { approvers: [operator:a],"
                + " distinctApprovers: 1 }, switch-traffic: { distinctApprovers: 3 } } }"));
  }

  @Test
  void anUnknownKeyUnderApprovalIsNamed() {
    assertEquals(
        "unknown key 'approver'",
        problems(payments("{ approver: [operator:a] }")).get(0).message().split(";")[0]);
  }
}
