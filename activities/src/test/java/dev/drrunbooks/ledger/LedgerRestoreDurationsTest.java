package dev.drrunbooks.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drrunbooks.activities.rds.RestoreExpectation;
import dev.drrunbooks.readiness.StepKind;
import dev.drrunbooks.readiness.StepSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The restore durations the wait expects: the ledger's, read once per few minutes, else defaults.
 */
class LedgerRestoreDurationsTest {
  private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
  private static final RestoreExpectation DEFAULT =
      RestoreExpectation.around(Duration.ofMinutes(10), 0.6, 1.6, "default");

  /** The query activity with a scripted answer instead of a database. */
  private static final class ScriptedLedger extends LedgerQueryActivitiesImpl {
    final List<Instant> asked = new ArrayList<>();
    List<StepSample> answer = List.of();
    RuntimeException failure;

    ScriptedLedger() {
      super(new LedgerActivitiesImpl(Optional.empty(), null));
    }

    @Override
    public List<StepSample> stepSamples(Instant since) {
      asked.add(since);
      if (failure != null) throw failure;
      return answer;
    }
  }

  private static StepSample sample(StepKind kind, int seconds) {
    return new StepSample(kind, "inventory", NOW, Duration.ofSeconds(seconds));
  }

  private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
  private final Clock clock =
      new Clock() {
        @Override
        public Instant instant() {
          return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }
      };

  @Test
  void fiveMeasuredRestoresMakeTheExpectationOtherStepsDoNotCount() {
    ScriptedLedger ledger = new ScriptedLedger();
    ledger.answer =
        List.of(
            sample(StepKind.RDS_RESTORE, 500),
            sample(StepKind.RDS_RESTORE, 600),
            sample(StepKind.DNS_SHIFT, 5),
            sample(StepKind.RDS_RESTORE, 550),
            sample(StepKind.RDS_RESTORE, 650),
            sample(StepKind.RDS_RESTORE, 700));
    RestoreExpectation e =
        new LedgerRestoreDurations(ledger, c -> DEFAULT, clock).expectedFor("db.t3.micro");
    assertEquals(Duration.ofSeconds(500), e.early());
    assertEquals(Duration.ofSeconds(600), e.median());
    assertEquals(Duration.ofSeconds(700), e.late());
    assertEquals("ledger: 5 RDS restores of the last year", e.basis());
    assertEquals(List.of(NOW.minus(LedgerRestoreDurations.LOOKBACK)), ledger.asked);
  }

  @Test
  void tooFewSamplesOrNoLedgerOrAnUnreadableOneFallBackToTheClassDefault() {
    ScriptedLedger ledger = new ScriptedLedger();
    ledger.answer = List.of(sample(StepKind.RDS_RESTORE, 500));
    List<String> classes = new ArrayList<>();
    LedgerRestoreDurations durations =
        new LedgerRestoreDurations(
            ledger,
            c -> {
              classes.add(c);
              return DEFAULT;
            },
            clock);
    assertEquals(DEFAULT, durations.expectedFor("db.r6g.large"));
    now.set(NOW.plus(LedgerRestoreDurations.KEPT_FOR));
    ledger.failure = new IllegalStateException("ledger down");
    assertEquals(DEFAULT, durations.expectedFor(null));
    assertEquals(java.util.Arrays.asList("db.r6g.large", null), classes);
    assertEquals(
        DEFAULT,
        new LedgerRestoreDurations(new ScriptedLedger(), c -> DEFAULT, clock).expectedFor("x"));
  }

  @Test
  void oneReadServesForFiveMinutes() {
    ScriptedLedger ledger = new ScriptedLedger();
    LedgerRestoreDurations durations = new LedgerRestoreDurations(ledger, c -> DEFAULT, clock);
    durations.expectedFor("a");
    now.set(NOW.plus(LedgerRestoreDurations.KEPT_FOR).minusMillis(1));
    durations.expectedFor("b");
    assertEquals(1, ledger.asked.size());
    now.set(NOW.plus(LedgerRestoreDurations.KEPT_FOR));
    durations.expectedFor("c");
    assertEquals(2, ledger.asked.size());
  }
}
