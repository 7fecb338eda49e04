package dev.drrunbooks.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drrunbooks.activities.ledger.EndedRunEvidence;
import dev.drrunbooks.activities.ledger.LastPassingRun;
import dev.drrunbooks.activities.rds.InstanceSize;
import dev.drrunbooks.aws.SandboxAws;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.TimelineEntry;
import dev.drrunbooks.readiness.StepKind;
import dev.drrunbooks.readiness.StepSample;
import dev.drrunbooks.report.RunReport;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What readiness reads back from the sandbox's ledger: the measured steps whose kind predicts a
 * recovery (succeeded ones only), and each service's newest passing run of a procedure. Each test
 * uses a service name of its own, so the rows other runs left do not count.
 */
class LedgerQuerySandboxTest {
  private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

  private final List<String> written = new ArrayList<>();
  private final LedgerActivitiesImpl ledger =
      new LedgerActivitiesImpl(Optional.of(SandboxLedger.settings()), SandboxAws.clients());
  private final LedgerQueryActivitiesImpl queries = new LedgerQueryActivitiesImpl(ledger);
  private final String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void migrated() {
    SandboxLedger.migrate();
  }

  @AfterEach
  void deleteWhatWasWritten() throws SQLException {
    for (String id : written) SandboxLedger.delete(id);
  }

  private void record(String procedure, boolean passed, Instant end, List<TimelineEntry> steps) {
    String id = LedgerEvidence.uniqueId(procedure);
    written.add(id);
    RunReport report =
        RunReport.builder(id, procedure, procedure + " of " + service)
            .outcome(passed ? "SUCCEEDED" : "FAILED", passed, "a test run")
            .stepsOf(service, steps)
            .period(end.minus(Duration.ofHours(1)), end)
            .build();
    ledger.recordRun(new EndedRunEvidence(id, UUID.randomUUID().toString(), "Test", report));
  }

  /** One step for the service: a run's services are those its report names. */
  private static List<TimelineEntry> ran(Instant end) {
    return List.of(
        step("validate data", end.minusSeconds(30), Duration.ofSeconds(30), Outcome.SUCCEEDED));
  }

  private static TimelineEntry step(String name, Instant start, Duration took, Outcome outcome) {
    return new TimelineEntry(name, start, start.plus(took), outcome, null);
  }

  @Test
  void stepsOfAKindThatPredictsARecoveryComeBackClassifiedAndOthersDoNot() {
    record(
        "pitr",
        true,
        T,
        List.of(
            step(
                "restore mycomputer-x to 2026-11-20T09:00:00Z",
                T,
                Duration.ofSeconds(20),
                Outcome.SUCCEEDED),
            new TimelineEntry(
                "wait until pitr-x-1 is available",
                T,
                T.plus(Duration.ofMinutes(14)),
                Outcome.SUCCEEDED,
                "available at pitr-x-1.example:5432 on db.r6g.large, 100 GiB"),
            step("shift 100% to Secondary", T, Duration.ofSeconds(75), Outcome.SUCCEEDED),
            step("approval: switch-traffic", T, Duration.ofMinutes(3), Outcome.FAILED),
            step("read back weights", T, Duration.ofSeconds(1), Outcome.SUCCEEDED)));
    record(
        "pitr",
        true,
        T.minus(Duration.ofDays(400)),
        List.of(
            step(
                "wait until pitr-x-0 is available",
                T.minus(Duration.ofDays(400)),
                Duration.ofHours(2),
                Outcome.SUCCEEDED)));

    List<StepSample> mine =
        queries.stepSamples(T.minus(Duration.ofDays(365))).stream()
            .filter(s -> s.service().equals(service))
            .toList();

    assertEquals(
        List.of(
            new StepSample(
                StepKind.DNS_SHIFT,
                service,
                T.plus(Duration.ofSeconds(75)),
                Duration.ofSeconds(75)),
            new StepSample(
                StepKind.RDS_RESTORE,
                service,
                T.plus(Duration.ofMinutes(14)),
                Duration.ofMinutes(14),
                new InstanceSize("db.r6g.large", 100))),
        mine,
        "the failed approval, the other steps and the 400-day-old restore are left out");
  }

  @Test
  void theNewestPassingRunOfEachProcedureIsTheEvidence() {
    record("dr-drill", true, T.minus(Duration.ofDays(40)), ran(T.minus(Duration.ofDays(40))));
    record("dr-drill", true, T.minus(Duration.ofDays(10)), ran(T.minus(Duration.ofDays(10))));
    record("dr-drill", false, T, ran(T));
    record(
        "backup-validation", true, T.minus(Duration.ofDays(2)), ran(T.minus(Duration.ofDays(2))));

    List<LastPassingRun> mine =
        queries.lastPassing(List.of("dr-drill", "backup-validation")).stream()
            .filter(r -> r.service().equals(service))
            .toList();

    assertEquals(2, mine.size(), mine.toString());
    LastPassingRun drill =
        mine.stream().filter(r -> r.procedure().equals("dr-drill")).findFirst().orElseThrow();
    assertEquals(T.minus(Duration.ofDays(10)), drill.endedAt(), "the newest that passed");
    LastPassingRun validation =
        mine.stream()
            .filter(r -> r.procedure().equals("backup-validation"))
            .findFirst()
            .orElseThrow();
    assertEquals(T.minus(Duration.ofDays(2)), validation.endedAt());
  }

  @Test
  void aWorkerWithoutALedgerReadsNothing() {
    LedgerQueryActivitiesImpl none =
        new LedgerQueryActivitiesImpl(
            new LedgerActivitiesImpl(Optional.empty(), SandboxAws.clients()));
    assertEquals(List.of(), none.stepSamples(T));
    assertEquals(List.of(), none.lastPassing(List.of("dr-drill")));
  }
}
