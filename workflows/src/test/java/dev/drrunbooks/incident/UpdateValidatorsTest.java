package dev.drrunbooks.incident;

import static dev.drrunbooks.incident.IncidentFixtures.opened;
import static dev.drrunbooks.incident.IncidentFixtures.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every update validator's refusals, by exact message: the field at fault, the value, what is
 * allowed.
 */
class UpdateValidatorsTest {
  private final IncidentState state = opened(Severity.P2, "inventory", "locations");

  private static void refused(String message, Executable validation) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, validation).getMessage());
  }

  private void acknowledge() {
    state.acknowledgedBy = "alice";
    state.markDone(IncidentPhase.DETECTION, "alice", Instant.parse("2026-11-30T10:03:00Z"));
  }

  @Test
  void nothingIsAcceptedWhileOpeningOrOnceResolved() {
    refused(
        "the incident is still opening (reading its services from the catalog); try again in a"
            + " moment",
        () -> UpdateChecks.requireOpen(null));
    IncidentState opening =
        IncidentState.opening("i", Severity.P1, List.of("inventory"), "x", Instant.EPOCH, "a");
    refused(
        "the incident is still opening (reading its services from the catalog); try again in a"
            + " moment",
        () -> UpdateChecks.requireOpen(opening));
    UpdateChecks.requireOpen(state);
    state.resolution = Resolution.of("bob", "over");
    refused(
        "the incident is resolved (by bob); open a new one", () -> UpdateChecks.requireOpen(state));
  }

  @Test
  void acknowledgeNeedsWhoAndOnlyOnce() {
    AcknowledgeHandler h = new AcknowledgeHandler(state);
    refused("who: say who takes the incident", () -> h.validate(null));
    refused("who: say who takes the incident", () -> h.validate(new Acknowledgement(" ", "x")));
    h.validate(new Acknowledgement("alice", null));
    acknowledge();
    refused(
        "already acknowledged by alice at 2026-11-30T10:03:00Z",
        () -> h.validate(new Acknowledgement("bob", "me")));
  }

  @Test
  void severityNeedsAKnownNewLevelWhoAndWhy() {
    SeverityHandler h = new SeverityHandler(state);
    refused("severity: give the new severity, who and why", () -> h.validate(null));
    refused(
        "severity: 'SEV1' is not valid; allowed: " + Severity.ALLOWED,
        () -> h.validate(new SeverityChange("SEV1", "bob", "worse")));
    refused("who: say who you are", () -> h.validate(new SeverityChange("P1", null, "worse")));
    refused(
        "why: say why the severity changes",
        () -> h.validate(new SeverityChange("P1", "bob", " ")));
    refused(
        "severity: the incident is already P2",
        () -> h.validate(new SeverityChange("p2", "bob", "same")));
    h.validate(new SeverityChange("P1", "bob", "worse"));
  }

  @Test
  void aNoteNeedsWhoTextAndAKnownKind() {
    NoteHandler h = new NoteHandler(state);
    refused("who: say who writes the note", () -> h.validate(null));
    refused("who: say who writes the note", () -> h.validate(new IncidentNote("", "t", null)));
    refused("text: the note is empty", () -> h.validate(new IncidentNote("carol", null, null)));
    refused("text: the note is empty", () -> h.validate(new IncidentNote("carol", " ", null)));
    refused(
        "kind: 'gossip' is not valid; allowed: note, assessment, communication, recovery",
        () -> h.validate(new IncidentNote("carol", "t", "gossip")));
    h.validate(new IncidentNote("carol", "t", " Assessment "));
    assertEquals("note", NoteHandler.kindOf(new IncidentNote("c", "t", " ")));
    assertEquals("note", NoteHandler.kindOf(new IncidentNote("c", "t", null)));
    assertEquals("recovery", NoteHandler.kindOf(new IncidentNote("c", "t", "RECOVERY ")));
  }

  @Test
  void aRecoveryNeedsWhoWhyAnAcknowledgementAKnownKindAnAffectedServiceAndNoTwin() {
    RecoverHandler h = new RecoverHandler(state, null, () -> {});
    refused("kind: allowed: failover, restore, ecs, data", () -> h.validate(null));
    refused(
        "who: say who you are",
        () -> h.validate(RecoveryRequest.of("ecs", "inventory", null, "why")));
    refused(
        "why: say why this recovery",
        () -> h.validate(RecoveryRequest.of("ecs", "inventory", "a", null)));
    refused(
        "the incident is not acknowledged yet: acknowledge it before you start a recovery",
        () -> h.validate(RecoveryRequest.of("ecs", "inventory", "a", "down")));
    acknowledge();
    refused(
        "kind: 'reboot' is not valid; allowed: failover, restore, ecs, data",
        () -> h.validate(RecoveryRequest.of("reboot", "inventory", "a", "down")));
    refused(
        "service: 'payments' is not affected by this incident; affected: inventory, locations",
        () -> h.validate(RecoveryRequest.of("ecs", "payments", "a", "down")));
    refused(
        "service: 'null' is not affected by this incident; affected: inventory, locations",
        () -> h.validate(RecoveryRequest.of("ecs", null, "a", "down")));
    h.validate(RecoveryRequest.of("ECS", " inventory ", "a", "down"));

    state.children.put(
        "incident-test-ecs-inventory",
        running("incident-test-ecs-inventory", RecoveryKind.ECS, "inventory"));
    refused(
        "a ecs of inventory is already running: incident-test-ecs-inventory",
        () -> h.validate(RecoveryRequest.of("ecs", "inventory", "a", "again")));
    h.validate(RecoveryRequest.of("restore", "inventory", "a", "another kind"));
    h.validate(RecoveryRequest.of("ecs", "locations", "a", "another service"));
  }

  @Test
  void verifyNeedsWhoWhyAnAcknowledgementAndServicesNotVerifiedNorRecovering() {
    VerifyHandler h = new VerifyHandler(state);
    refused("who: say who verified", () -> h.validate(null));
    refused(
        "why: say how it was verified (smoke tests, metrics)",
        () -> h.validate(new Verification("carol", null, null)));
    refused(
        "the incident is not acknowledged yet: acknowledge it before you verify",
        () -> h.validate(new Verification("carol", "green", null)));
    acknowledge();
    h.validate(new Verification("carol", "green", null));
    refused(
        "services: 'billing' is not affected by this incident; affected: inventory, locations",
        () -> h.validate(new Verification("carol", "green", List.of("billing"))));
    state.verifiedAt.put("inventory", Instant.parse("2026-11-30T10:20:00Z"));
    refused(
        "services: inventory was already verified at 2026-11-30T10:20:00Z",
        () -> h.validate(new Verification("carol", "green", List.of("inventory"))));
    state.children.put("c1", running("c1", RecoveryKind.RESTORE, "locations"));
    refused(
        "services: locations still has a recovery running (c1); let it finish, or abort it, before"
            + " verifying",
        () -> h.validate(new Verification("carol", "green", null)));
    state.children.put("c1", state.children.get("c1").ended("RESTORED", Instant.EPOCH, "ok"));
    h.validate(new Verification("carol", "green", List.of(" locations")));
    state.verifiedAt.put("locations", Instant.parse("2026-11-30T10:30:00Z"));
    refused(
        "services: every affected service is already verified",
        () -> h.validate(new Verification("carol", "green", List.of())));
  }

  @Test
  void resolveNeedsEveryServiceVerifiedAndNoRecoveryRunningUnlessForced() {
    ResolveHandler h = new ResolveHandler(state);
    refused("who: say who resolves", () -> h.validate(null));
    refused("who: say who you are", () -> h.validate(Resolution.of(" ", "over")));
    refused("why: say why the incident is over", () -> h.validate(Resolution.of("dave", null)));
    state.children.put("c1", running("c1", RecoveryKind.ECS, "inventory"));
    refused(
        "cannot resolve: not verified: inventory, locations; still running: c1 (verify first, or"
            + " resolve with force and a reason)",
        () -> h.validate(Resolution.of("dave", "over")));
    h.validate(new Resolution("dave", "false alarm", true, null, null));
    refused(
        "cannot resolve: not verified: inventory, locations; still running: c1 (verify first, or"
            + " resolve with force and a reason)",
        () -> h.validate(new Resolution("dave", "over", false, null, null)));
    state.verifiedAt.put("inventory", Instant.EPOCH);
    state.verifiedAt.put("locations", Instant.EPOCH);
    refused(
        "cannot resolve: still running: c1 (verify first, or resolve with force and a reason)",
        () -> h.validate(Resolution.of("dave", "over")));
    state.children.put("c1", state.children.get("c1").ended("RECOVERED", Instant.EPOCH, "ok"));
    h.validate(Resolution.of("dave", "over"));
  }
}
