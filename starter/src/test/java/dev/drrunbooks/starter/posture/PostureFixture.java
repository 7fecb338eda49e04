package dev.drrunbooks.starter.posture;

import dev.drrunbooks.catalog.Objectives;
import dev.drrunbooks.readiness.CheckVerdict;
import dev.drrunbooks.readiness.MonthlyDuration;
import dev.drrunbooks.readiness.ReadinessCheck;
import dev.drrunbooks.readiness.ReadinessResult;
import dev.drrunbooks.readiness.RecoveryPath;
import dev.drrunbooks.readiness.RtoForecast;
import dev.drrunbooks.readiness.ServiceReadiness;
import dev.drrunbooks.readiness.StepKind;
import dev.drrunbooks.readiness.StepSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An evaluation as the workflow would return it: Payments' forecast at risk (restores of 12 to 17
 * minutes against a 15-minute RTO) and its archive bucket 42 s behind against an RPO of 0,
 * Inventory without enough evidence, one failing check and no DR copy, Customer Base forecast from
 * the fleet's samples (Payments') as it has none of its own.
 */
public final class PostureFixture {
  public static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

  private PostureFixture() {}

  public static ReadinessResult evaluation() {
    List<StepSample> samples = new ArrayList<>();
    int[] restore = {12, 13, 14, 15, 16, 17};
    for (int i = 0; i < restore.length; i++) {
      Instant at = AT.minus(Duration.ofDays(20L * (i + 1)));
      samples.add(
          new StepSample(StepKind.RDS_RESTORE, "payments", at, Duration.ofMinutes(restore[i])));
      samples.add(new StepSample(StepKind.ECS_STEADY, "payments", at, Duration.ofMinutes(2)));
      samples.add(new StepSample(StepKind.APPROVAL, "payments", at, Duration.ofMinutes(3)));
      samples.add(new StepSample(StepKind.DNS_SHIFT, "payments", at, Duration.ofMinutes(1)));
    }
    RecoveryPath path =
        new RecoveryPath(
            List.of(
                StepKind.RDS_RESTORE, StepKind.ECS_STEADY, StepKind.APPROVAL, StepKind.DNS_SHIFT));
    ServiceReadiness payments =
        new ServiceReadiness(
            "payments",
            new Objectives(Duration.ofMinutes(15), Duration.ZERO),
            List.of(
                new ReadinessCheck(
                    "payments",
                    "last passing dr-drill",
                    "within 38d",
                    "12d ago (dr-drill-1)",
                    CheckVerdict.PASS)),
            Duration.ofSeconds(42),
            RtoForecast.of("payments", Duration.ofMinutes(15), path, samples),
            List.of(
                new MonthlyDuration("2026-07", Duration.ofMinutes(16), 2),
                new MonthlyDuration("2026-09", Duration.ofMinutes(14), 2),
                new MonthlyDuration("2026-11", Duration.ofMinutes(12), 2)),
            "bucket mycomputer-payments-archive: replication latency 42s");
    ServiceReadiness inventory =
        new ServiceReadiness(
            "inventory",
            new Objectives(Duration.ofMinutes(30), Duration.ofMinutes(15)),
            List.of(
                new ReadinessCheck(
                    "inventory",
                    "backup policy: rds:mycomputer-inventory-db backup-retention-days",
                    "30",
                    "7",
                    CheckVerdict.FAIL)),
            null,
            RtoForecast.of("inventory", Duration.ofMinutes(30), path, List.of()),
            List.of(),
            "no DR recovery point in eu-central-1; bucket mycomputer-assets: no replication rule"
                + " ReplicateAll");
    ServiceReadiness customerBase =
        new ServiceReadiness(
            "customer-base",
            new Objectives(Duration.ofMinutes(15), Duration.ofMinutes(5)),
            List.of(),
            Duration.ofSeconds(19),
            RtoForecast.of("customer-base", Duration.ofMinutes(15), path, samples),
            List.of(),
            "DR recovery point 19s old (snapshot rds:customer-base-1)");
    return ReadinessResult.of(AT, List.of(customerBase, inventory, payments), List.of());
  }
}
