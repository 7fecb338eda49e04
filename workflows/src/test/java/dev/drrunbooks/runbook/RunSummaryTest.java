package dev.drrunbooks.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.catalog.Objectives;
import dev.drrunbooks.ecsrecovery.EcsServiceRecovery;
import dev.drrunbooks.evacuation.RegionEvacuation;
import dev.drrunbooks.failover.DnsFailover;
import dev.drrunbooks.pitr.PointInTimeRestore;
import dev.drrunbooks.snapshotrestore.SnapshotRestore;
import io.temporal.client.WorkflowOptions;
import io.temporal.workflow.ChildWorkflowOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What every start says about its run in the Temporal UI. */
class RunSummaryTest {
  private static final Objectives THIRTY_FIFTEEN =
      new Objectives(Duration.ofMinutes(30), Duration.ofMinutes(15));

  @Test
  void aServiceRunNamesItsProcedureServiceObjectivesAndWhatItTouches() {
    RunSummary s = RunSummary.of(PointInTimeRestore.PROCEDURE, "inventory", THIRTY_FIFTEEN);
    assertEquals("Point-in-time restore of inventory", s.summary());
    assertEquals(
        "**Procedure:** Point-in-time restore (`pitr`, started with `dr pitr`)\n\n"
            + "**Service:** inventory\n\n"
            + "**Objectives:** RTO 30m, RPO 15m\n\n"
            + "**Touches:** "
            + RunSummary.TOUCHES.get("pitr")
            + "\n\n**Where it is now:** the run's Current Details, or `dr status <workflow id>`",
        s.details());
  }

  @Test
  void unknownObjectivesAndNoServiceAreLeftOutOrSaidSo() {
    RunSummary s = RunSummary.of(RegionEvacuation.PROCEDURE, " ", null);
    assertEquals("Region evacuation", s.summary());
    assertTrue(s.details().contains("**Service:** none named"), s.details());
    assertTrue(!s.details().contains("Objectives"), s.details());
    RunSummary noRpo =
        RunSummary.of(
            EcsServiceRecovery.PROCEDURE, "api", new Objectives(Duration.ofHours(1), null));
    assertTrue(noRpo.details().contains("**Objectives:** RTO 1h, RPO none"), noRpo.details());
  }

  @Test
  void aFailbackIsCalledOne() {
    RunSummary s =
        RunSummary.of(DnsFailover.PROCEDURE, DnsFailover.FAILBACK_KEY, "api", THIRTY_FIFTEEN);
    assertEquals("DNS failback of api", s.summary());
    assertTrue(
        s.details().startsWith("**Procedure:** DNS failback (`dns-failback`, started with `dr "),
        s.details());
  }

  @Test
  void everyProcedureSaysWhatItTouches() {
    for (Procedure<?, ?> p : Runbook.procedures())
      assertTrue(RunSummary.TOUCHES.containsKey(p.key()), p.key());
    assertEquals(Runbook.procedures().size(), RunSummary.TOUCHES.size(), "no entry for a lost key");
  }

  @Test
  void theSameTextGoesOnClientAndChildStarts() {
    RunSummary s = RunSummary.of(SnapshotRestore.PROCEDURE, "inventory", THIRTY_FIFTEEN);
    WorkflowOptions client = s.on(WorkflowOptions.newBuilder()).setTaskQueue("q").build();
    assertEquals(s.summary(), client.getStaticSummary());
    assertEquals(s.details(), client.getStaticDetails());
    ChildWorkflowOptions child = s.on(ChildWorkflowOptions.newBuilder()).build();
    assertEquals(s.summary(), child.getStaticSummary());
    assertEquals(s.details(), child.getStaticDetails());
  }
}
