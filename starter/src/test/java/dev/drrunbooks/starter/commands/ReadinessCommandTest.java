package dev.drrunbooks.starter.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.catalog.Objectives;
import dev.drrunbooks.readiness.CheckVerdict;
import dev.drrunbooks.readiness.ReadinessCheck;
import dev.drrunbooks.readiness.ReadinessResult;
import dev.drrunbooks.readiness.ServiceReadiness;
import dev.drrunbooks.starter.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code dr readiness} prints of an evaluation. */
class ReadinessCommandTest {
  private static final String ARCHIVE = "mycomputer-payments-archive";

  private static String printed(ReadinessResult r, int[] exit) {
    StringWriter text = new StringWriter();
    try (PrintWriter out = new PrintWriter(text)) {
      exit[0] = new ReadinessCommand().print(r, null, out);
    }
    return text.toString();
  }

  /**
   * Issue 15, trial findings 2 and 3: Payments read "RPO 0 min ... would lose 0 min" while its
   * check failed on 42 s > 0 s, and nothing said a bucket decided the figure.
   */
  @Test
  void subMinuteFiguresShowSecondsAndWhatDecidedTheRegionLoss() {
    ServiceReadiness payments =
        new ServiceReadiness(
            "payments",
            new Objectives(Duration.ofMinutes(15), Duration.ZERO),
            List.of(
                new ReadinessCheck(
                    "payments",
                    "S3 replication of " + ARCHIVE,
                    "enabled to " + ARCHIVE + "-dr, replication latency under RPO 0s",
                    "at most 42s behind over the last 15m",
                    CheckVerdict.FAIL)),
            Duration.ofSeconds(42),
            null,
            List.of(),
            "bucket " + ARCHIVE + ": replication latency 42s");
    ServiceReadiness customerBase =
        new ServiceReadiness(
            "customer-base",
            new Objectives(Duration.ofMinutes(15), Duration.ofMinutes(5)),
            List.of(),
            null,
            null,
            List.of(),
            "bucket docs: no rule R");
    int[] exit = new int[1];

    String out =
        printed(
            ReadinessResult.of(
                Instant.parse("2026-12-02T12:00:00Z"), List.of(payments, customerBase), List.of()),
            exit);

    assertEquals(ExitCodes.OUTCOME_NOT_SUCCESS, exit[0]);
    assertTrue(out.lines().anyMatch(l -> l.matches("payments +NO +15m +0s +42s +\\[1\\] +1")), out);
    assertTrue(
        out.contains(
            "[1] payments region loss decided by: bucket "
                + ARCHIVE
                + ": replication"
                + " latency 42s\n"),
        out);
    assertTrue(
        out.lines()
            .anyMatch(l -> l.matches("customer-base +yes +15m +5m +- +bucket docs: no rule R +0")),
        out);
    assertFalse(out.contains(" min"), "one duration format: " + out);
  }
}
