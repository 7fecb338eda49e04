package dev.drrunbooks.ecsrecovery;

import dev.drrunbooks.report.EvidenceRow;
import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.report.ReportMapping;
import dev.drrunbooks.report.RunReport;

/**
 * An ECS service recovery as a report: steady state (running = desired, one deployment) as
 * evidence. Pure.
 */
public final class EcsRecoveryReport {
  public static final ReportMapping<EcsRecoveryResult> MAPPING =
      ReportMapping.of("ecs-recovery", "ECS recovery", EcsRecoveryReport::of);

  private EcsRecoveryReport() {}

  static RunReport of(EcsRecoveryResult r, ReportContext ctx) {
    boolean steady = r.after() != null && r.after().steady();
    RunReport.Builder b =
        MAPPING
            .builder(ctx, r.service() + " in " + r.region())
            .outcome(steady ? "SUCCEEDED" : "FAILED", steady, r.summary())
            .service(r.service(), r.timeline(), r.rto(), null, null, null);
    if (r.after() != null) {
      b.evidence(
          new EvidenceRow(
              r.service(),
              "steady state",
              r.cluster() + "/" + r.after().service(),
              "running = desired, 1 deployment",
              r.after().running()
                  + "/"
                  + r.after().desired()
                  + " running, "
                  + r.after().deployments()
                  + " deployment(s)",
              null,
              steady,
              r.after().taskDefinitionArn()));
    }
    if (r.before() != null) b.note("Before: " + r.before().describe());
    if (r.after() != null) b.note("After: " + r.after().describe());
    return b.build();
  }
}
