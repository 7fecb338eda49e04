package dev.drrunbooks.starter.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.fleet.FleetValidation;
import dev.drrunbooks.runbook.RunSummary;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import org.junit.jupiter.api.Test;

/** A run a schedule starts says what it is in the Temporal UI, as one the starter starts does. */
class ScheduleSummaryTest {
  private final Catalog catalog = CatalogFixture.load();

  @Test
  void aScheduledRunCarriesTheRunSummaryOfItsProcedureAndService() {
    DesiredSchedule weekly =
        ScheduleTranslation.desired(catalog, "weekly-backup-validation", "dr-runbooks");
    ScheduleActionStartWorkflow action =
        (ScheduleActionStartWorkflow) weekly.schedule().getAction();
    RunSummary expected = RunSummary.of(FleetValidation.PROCEDURE, "all", null);
    assertEquals(expected.summary(), action.getOptions().getStaticSummary());
    assertEquals(expected.details(), action.getOptions().getStaticDetails());
    assertEquals("Fleet backup validation of all", expected.summary());
    assertTrue(
        expected.details().contains("starts one backup validation per service"),
        expected.details());
  }

  @Test
  void theReadinessScheduleSaysWhatItReadsAndWhereItsTableIs() {
    ScheduleActionStartWorkflow action =
        (ScheduleActionStartWorkflow)
            ScheduleTranslation.desired(catalog, "readiness-every-30-minutes", "dr-runbooks")
                .schedule()
                .getAction();
    assertEquals("Readiness evaluation of all", action.getOptions().getStaticSummary());
    String details = action.getOptions().getStaticDetails();
    assertTrue(
        details.contains("S3 replication rules and their CloudWatch ReplicationLatency"), details);
    assertTrue(details.contains("**Where it is now:** the run's Current Details"), details);
  }

  @Test
  void aDrillOfOneServiceStatesItsObjectives() {
    ScheduleActionStartWorkflow action =
        (ScheduleActionStartWorkflow)
            ScheduleTranslation.desired(catalog, "monthly-dr-drill", "dr-runbooks")
                .schedule()
                .getAction();
    assertEquals("DR drill of inventory", action.getOptions().getStaticSummary());
    assertTrue(
        action.getOptions().getStaticDetails().contains("**Objectives:** RTO 30m, RPO 15m"),
        action.getOptions().getStaticDetails());
  }
}
