package dev.drrunbooks.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.gateway.pagerduty.PagerDutyServices;
import dev.drrunbooks.gateway.sns.AlarmTriggers;
import dev.drrunbooks.gateway.steer.Approvers;
import dev.drrunbooks.incident.IncidentResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The gateway's configuration: PagerDuty services, alarms and approvers, checked at start. */
class MappingsTest {
  private final Catalog catalog = CatalogFixture.load();

  private static void invalid(String start, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
  }

  @Test
  void pagerDutyServicesMapToCatalogServices() {
    PagerDutyServices m = PagerDutyServices.parse("PA=inventory, payments; ;PB=locations", catalog);
    assertEquals(Optional.of(List.of("inventory", "payments")), m.of("PA"));
    assertEquals(Optional.of(List.of("locations")), m.of("PB"));
    assertEquals(Optional.empty(), m.of("PC"));
    assertEquals("PA, PB", m.known());
    assertTrue(
        PagerDutyServices.parse(null, catalog).known().contains("set " + PagerDutyServices.ENV));
    invalid(
        PagerDutyServices.ENV + ": 'PA' is not valid",
        () -> PagerDutyServices.parse("PA", catalog));
    invalid(
        PagerDutyServices.ENV + ": 'PA=' is not valid",
        () -> PagerDutyServices.parse("PA=", catalog));
    invalid(
        PagerDutyServices.ENV + ": '=x' is not valid",
        () -> PagerDutyServices.parse("=x", catalog));
    invalid(
        PagerDutyServices.ENV + ": 'nope' is not a catalog service",
        () -> PagerDutyServices.parse("PA=nope", catalog));
  }

  @Test
  void alarmsMapToProceduresTakingAServiceOrAnIncident() {
    AlarmTriggers t =
        AlarmTriggers.parse("a1=incident-response:inventory; a2=ecs-recovery:inventory", catalog);
    assertEquals(IncidentResponse.PROCEDURE, t.of("a1").orElseThrow().procedure());
    assertEquals("inventory", t.of("a2").orElseThrow().service());
    assertEquals(Optional.empty(), t.of("a3"));
    invalid(
        AlarmTriggers.ENV + ": 'a1=x' is not valid", () -> AlarmTriggers.parse("a1=x", catalog));
    invalid(
        AlarmTriggers.ENV + ": '=x:y' is not valid", () -> AlarmTriggers.parse("=x:y", catalog));
    invalid(
        AlarmTriggers.ENV + ": procedure 'nope' cannot be started by an alarm; allowed: ",
        () -> AlarmTriggers.parse("a=nope:inventory", catalog));
    invalid(
        AlarmTriggers.ENV + ": procedure 'dr-drill' cannot",
        () -> AlarmTriggers.parse("a=dr-drill:inventory", catalog));
    invalid(
        AlarmTriggers.ENV + ": 'nope' is not a catalog service",
        () -> AlarmTriggers.parse("a=incident-response:nope", catalog));
  }

  @Test
  void onlyListedIdentitiesMayApprove() {
    Approvers a = Approvers.fromEnv(Map.of(Approvers.ENV, " slack:U1 ,, generic:bot"));
    a.require("slack:U1");
    a.require("generic:bot");
    Refusal r = assertThrows(Refusal.class, () -> a.require("slack:U2"));
    assertEquals(403, r.status());
    assertTrue(r.reason().startsWith("approver: slack:U2 may not approve"), r.reason());
    assertThrows(Refusal.class, () -> Approvers.fromEnv(Map.of()).require("slack:U1"));
    assertThrows(Refusal.class, () -> a.require("")); // the empty entry between the commas
  }
}
