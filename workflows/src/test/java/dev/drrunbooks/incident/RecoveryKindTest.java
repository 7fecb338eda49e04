package dev.drrunbooks.incident;

import static dev.drrunbooks.incident.IncidentFixtures.json;
import static dev.drrunbooks.incident.IncidentFixtures.read;
import static dev.drrunbooks.incident.IncidentFixtures.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drrunbooks.catalog.ServiceDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryKindTest {

  @Test
  void jsonIsTheKeyOperatorsTypeAsBeforeItWasAnEnum() {
    assertEquals("\"failover\"", json(RecoveryKind.FAILOVER));
    assertEquals("\"restore\"", json(RecoveryKind.RESTORE));
    assertEquals(RecoveryKind.DATA, read("\"data\"", RecoveryKind.class));
    assertEquals(RecoveryKind.ECS, read("\"ECS\"", RecoveryKind.class));
    ChildRecovery c =
        IncidentFixtures.running("incident-x-ecs-inventory", RecoveryKind.ECS, "inventory");
    String written = json(c);
    assertEquals(true, written.contains("\"kind\":\"ecs\""), written);
    assertEquals(c, read(written, ChildRecovery.class));
    assertEquals("ecs", RecoveryKind.ECS.toString(), "the CLI prints the key");
  }

  @Test
  void parseNamesFieldValueAndAllowedKinds() {
    assertEquals(List.of("failover", "restore", "ecs", "data"), RecoveryKind.keys());
    assertEquals(RecoveryRequest.KINDS, RecoveryKind.keys());
    assertEquals(RecoveryKind.RESTORE, RecoveryKind.parse("kind", " Restore "));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RecoveryKind.parse("kind", "pitr"));
    assertEquals(
        "kind: 'pitr' is not valid; allowed: failover, restore, ecs, data", e.getMessage());
    assertEquals(
        "kind: 'null' is not valid; allowed: failover, restore, ecs, data",
        assertThrows(IllegalArgumentException.class, () -> RecoveryKind.parse("kind", null))
            .getMessage());
  }

  @Test
  void childIdsAreDerivedFromTheIncident() {
    assertEquals("incident-1-failover-api", RecoveryKind.FAILOVER.childIdBase("incident-1", "api"));
    assertEquals("incident-1-pitr-api", RecoveryKind.RESTORE.childIdBase("incident-1", "api"));
    assertEquals("incident-1-ecs-api", RecoveryKind.ECS.childIdBase("incident-1", "api"));
    assertEquals("incident-1-data-api", RecoveryKind.DATA.childIdBase("incident-1", "api"));
  }

  @Test
  void aServiceWithoutWhatTheProcedureActsOnIsRefused() {
    ServiceDefinition full = service("locations");
    for (RecoveryKind k : RecoveryKind.values()) k.requireTarget(full, null);

    ServiceDefinition noDns = service("inventory", n -> n.putNull("dns"));
    assertEquals(
        "service: inventory has no DNS record in the catalog to fail over",
        assertThrows(
                IllegalArgumentException.class,
                () -> RecoveryKind.FAILOVER.requireTarget(noDns, null))
            .getMessage());
    ServiceDefinition noDb =
        service("inventory", n -> ((ObjectNode) n.get("spec")).putNull("database"));
    assertEquals(
        "service: inventory has no database in the catalog to restore",
        assertThrows(
                IllegalArgumentException.class,
                () -> RecoveryKind.RESTORE.requireTarget(noDb, null))
            .getMessage());
    assertEquals(
        "service: inventory has no database in the catalog to restore",
        assertThrows(
                IllegalArgumentException.class, () -> RecoveryKind.DATA.requireTarget(noDb, null))
            .getMessage());
    RecoveryKind.ECS.requireTarget(noDb, null);
    ServiceDefinition noEcs =
        service("inventory", n -> ((ObjectNode) n.get("spec")).putNull("ecs"));
    assertEquals(
        "service: inventory has no ECS service in the catalog to recover",
        assertThrows(
                IllegalArgumentException.class, () -> RecoveryKind.ECS.requireTarget(noEcs, null))
            .getMessage());
    RecoveryKind.RESTORE.requireTarget(noEcs, null);
  }

  @Test
  void aFailoverMayNotWeakenTheCatalogsApprovalPolicy() {
    ServiceDefinition inventory = service("inventory");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RecoveryKind.FAILOVER.requireTarget(inventory, false));
    assertEquals(
        true,
        e.getMessage()
            .startsWith(
                "requireApproval: false is not valid; the catalog's policy for "
                    + "service inventory is "),
        e.getMessage());
    RecoveryKind.FAILOVER.requireTarget(inventory, true);
    RecoveryKind.FAILOVER.requireTarget(service("locations"), false);
  }
}
