package dev.drrunbooks.incident;

import static dev.drrunbooks.incident.IncidentFixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.datarecovery.CorruptedDataRecoveryResult;
import dev.drrunbooks.ecsrecovery.EcsRecoveryResult;
import dev.drrunbooks.failover.DnsFailoverResult;
import dev.drrunbooks.pitr.PointInTimeRestoreResult;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;

class RecoveryOutcomeTest {
  private static final String STEP = "[{\"step\":\"s\",\"outcome\":\"SUCCEEDED\"}]";
  private static final String CHECK =
      "{\"objective\":\"PT15M\",\"achieved\":\"PT5M\",\"breached\":false}";
  private static final String REPORT = "{\"passed\":true}";
  private static final String REPLAY =
      "{\"considered\":3,\"applied\":3,\"alreadyPresent\":0,\"lastId\":9,\"batches\":1}";

  private static DnsFailoverResult failover(String outcome) {
    return read(
        "{\"outcome\":\"" + outcome + "\",\"summary\":\"moved\",\"timeline\":" + STEP + "}",
        DnsFailoverResult.class);
  }

  @Test
  void aFailureIsFailedAndCompletesNothing() {
    RecoveryOutcome o =
        RecoveryOutcome.of(null, ApplicationFailure.newFailure("lock held by run x", "Locked"));
    assertEquals("FAILED", o.state());
    assertEquals("lock held by run x", o.detail());
    assertNull(o.timeline());
    assertFalse(o.succeeded());
    assertFalse(o.recovered());
  }

  @Test
  void aFailoverEndsWithItsOutcomeAndOnlyAChangeRecovers() {
    RecoveryOutcome switched = RecoveryOutcome.of(failover("SWITCHED"), null);
    assertEquals("SWITCHED", switched.state());
    assertEquals("moved", switched.detail());
    assertEquals(1, switched.timeline().size());
    assertTrue(switched.succeeded());
    assertTrue(switched.recovered());
    RecoveryOutcome notNeeded = RecoveryOutcome.of(failover("NOT_NEEDED"), null);
    assertTrue(notNeeded.succeeded(), "not a failure on the timeline");
    assertFalse(notNeeded.recovered(), "but nothing was recovered");
    RecoveryOutcome aborted = RecoveryOutcome.of(failover("ABORTED"), null);
    assertFalse(aborted.succeeded());
    assertFalse(aborted.recovered());
    assertTrue(RecoveryOutcome.of(failover("ALREADY_DONE"), null).recovered());
  }

  @Test
  void aRestoreBringsItsRpoAndValidation() {
    PointInTimeRestoreResult p =
        read(
            "{\"summary\":\"restored\",\"timeline\":"
                + STEP
                + ",\"validation\":"
                + REPORT
                + ",\"objectives\":{\"rpo\":"
                + CHECK
                + "}}",
            PointInTimeRestoreResult.class);
    RecoveryOutcome o = RecoveryOutcome.of(p, null);
    assertEquals("RESTORED", o.state());
    assertEquals("restored", o.detail());
    assertEquals(p.objectives().rpo(), o.rpo());
    assertEquals(p.validation(), o.validation());
    assertTrue(o.recovered());
    PointInTimeRestoreResult noObjectives =
        read("{\"summary\":\"r\"}", PointInTimeRestoreResult.class);
    assertNull(RecoveryOutcome.of(noObjectives, null).rpo());
  }

  @Test
  void aDataRecoveryIsRecoveredOnlyWhenReplayedAndIntact() {
    String base =
        "\"summary\":\"d\",\"timeline\":" + STEP + ",\"rpo\":" + CHECK + ",\"integrity\":" + REPORT;
    String replayed = "{" + base + ",\"replay\":" + REPLAY + ",\"outcome\":";
    RecoveryOutcome recovered =
        RecoveryOutcome.of(
            read(replayed + "\"RECOVERED\"}", CorruptedDataRecoveryResult.class), null);
    assertEquals("RECOVERED", recovered.state());
    assertTrue(recovered.recovered());
    assertEquals(
        IncidentFixtures.read(CHECK, dev.drrunbooks.model.ObjectiveCheck.class), recovered.rpo());
    assertTrue(recovered.validation().passed());
    RecoveryOutcome wrong =
        RecoveryOutcome.of(
            read(replayed + "\"NOT_RECOVERED\"}", CorruptedDataRecoveryResult.class), null);
    assertEquals("NOT_RECOVERED", wrong.state());
    assertFalse(wrong.succeeded());
    RecoveryOutcome older =
        RecoveryOutcome.of(read("{" + base + "}", CorruptedDataRecoveryResult.class), null);
    assertEquals("RESTORED_NOT_REPLAYED", older.state(), "runs from before the replay check");
  }

  @Test
  void anEcsRecoveryIsRecoveredAndAnythingElseIsDone() {
    RecoveryOutcome ecs =
        RecoveryOutcome.of(
            read("{\"summary\":\"steady\",\"timeline\":" + STEP + "}", EcsRecoveryResult.class),
            null);
    assertEquals("RECOVERED", ecs.state());
    assertEquals("steady", ecs.detail());
    assertEquals(1, ecs.timeline().size());
    RecoveryOutcome other = RecoveryOutcome.of("42", null);
    assertEquals("DONE", other.state());
    assertEquals("42", other.detail());
    assertTrue(other.recovered());
  }
}
