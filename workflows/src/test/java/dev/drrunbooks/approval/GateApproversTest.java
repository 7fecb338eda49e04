package dev.drrunbooks.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.catalog.ApprovalSpec;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.catalog.ServiceDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateApproversTest {
  private static final Catalog CATALOG = CatalogFixture.load();
  private static final List<String> SRE_ONCALL =
      List.of(
          "operator:sre-alice",
          "operator:sre-bob",
          "slack:U0DEMO",
          "pagerduty:PDEMOSRE",
          "generic:demo-bot");

  private static ServiceDefinition service(String key) {
    return CATALOG.definitionOf(key);
  }

  /** A service of the catalog with its approval spec replaced. */
  private static ServiceDefinition with(String key, ApprovalSpec approval) {
    ServiceDefinition s = service(key);
    return new ServiceDefinition(
        s.key(), s.accountId(), s.regions(), s.spec(), s.dns(), s.buckets(), approval);
  }

  @Test
  void paymentsNeedsTwoOfItsOnCallGroupAsTheCatalogSays() {
    GateApprovers rule = GateApprovers.forGate("switch-traffic", List.of(service("payments")));
    assertEquals(new GateApprovers(SRE_ONCALL, 2), rule);
    assertTrue(rule.needsVerifiedIdentity());
  }

  @Test
  void aCriticalServiceWithoutAListNeedsTwoVerifiedIdentities() {
    GateApprovers rule = GateApprovers.forGate("switch-traffic", List.of(service("customer-base")));
    assertEquals(new GateApprovers(null, 2), rule);
    assertEquals("2 distinct approvers (any verified identities)", rule.describe());
    assertTrue(rule.refusal(Approver.UNVERIFIED).contains("carries no verified identity"));
    assertNull(rule.refusal(new Approver("operator:anyone", "dr approve")));
  }

  @Test
  void aServiceBelowCriticalWithoutAPolicyTakesAnyoneOnce() {
    GateApprovers rule = GateApprovers.forGate("switch-traffic", List.of(service("inventory")));
    assertEquals(GateApprovers.ANYONE, rule);
    assertFalse(rule.needsVerifiedIdentity());
    assertNull(rule.refusal(Approver.UNVERIFIED));
  }

  @Test
  void aGateEntryOverridesTheServiceFieldsItSets() {
    ApprovalSpec spec =
        new ApprovalSpec(
            List.of("operator:a", "operator:b"),
            null,
            Map.of(
                "apply-replay", new ApprovalSpec(List.of(), 1, null),
                "switch-traffic", new ApprovalSpec(List.of("operator:c"), null, null)));
    ServiceDefinition payments = with("payments", spec);
    assertEquals(
        new GateApprovers(List.of("operator:a", "operator:b"), 1),
        GateApprovers.forGate("apply-replay", List.of(payments)));
    assertEquals(
        new GateApprovers(List.of("operator:c"), 2),
        GateApprovers.forGate("switch-traffic", List.of(payments)));
    assertEquals(
        new GateApprovers(List.of("operator:a", "operator:b"), 2),
        GateApprovers.forGate("evacuate", List.of(payments)));
  }

  @Test
  void aGateOverSeveralServicesTakesTheLargestCountFromIdentitiesAllAllow() {
    ServiceDefinition a =
        with("inventory", new ApprovalSpec(List.of("operator:a", "operator:b"), 1, null));
    ServiceDefinition b =
        with("locations", new ApprovalSpec(List.of("operator:b", "operator:c"), 1, null));
    assertEquals(
        new GateApprovers(List.of("operator:b"), 2),
        GateApprovers.forGate("evacuate", List.of(a, b, service("customer-base"))));
    ServiceDefinition c = with("locations", new ApprovalSpec(List.of("operator:z"), 1, null));
    GateApprovers none = GateApprovers.forGate("evacuate", List.of(a, c));
    assertEquals(List.of(), none.allowed());
    assertTrue(
        none.refusal(new Approver("operator:a", "dr approve"))
            .contains("allowed: nobody (the services' lists share no identity)"));
  }

  @Test
  void groupsExpandInOrderEachIdentityOnce() {
    ApprovalSpec spec =
        new ApprovalSpec(
            List.of("operator:x", "group:g", "group:missing"),
            null,
            Map.of("evacuate", new ApprovalSpec(List.of("group:g"), 3, null)));
    ApprovalSpec expanded = spec.expand(Map.of("g", List.of("slack:U1", "operator:x")));
    assertEquals(List.of("operator:x", "slack:U1", "group:missing"), expanded.approvers());
    assertEquals(List.of("slack:U1", "operator:x"), expanded.gates().get("evacuate").approvers());
    assertEquals(3, expanded.gates().get("evacuate").distinctApprovers());
  }

  @Test
  void describesTheRule() {
    assertEquals(
        "1 approver from operator:a", new GateApprovers(List.of("operator:a"), 1).describe());
    assertEquals("1 approver (anyone)", GateApprovers.ANYONE.describe());
  }
}
