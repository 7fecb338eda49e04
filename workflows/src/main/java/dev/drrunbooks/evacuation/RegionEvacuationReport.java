package dev.drrunbooks.evacuation;

import static dev.drrunbooks.report.ReportLines.approval;
import static dev.drrunbooks.report.ReportLines.join;
import static dev.drrunbooks.report.ReportLines.nz;

import dev.drrunbooks.report.EvidenceRow;
import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.report.ReportMapping;
import dev.drrunbooks.report.RunReport;

/**
 * A region evacuation as a report: per service, DR capacity and DNS to the DR region as evidence.
 * Pure.
 */
public final class RegionEvacuationReport {
  public static final ReportMapping<RegionEvacuationResult> MAPPING =
      ReportMapping.of("region-evacuation", "Region evacuation", RegionEvacuationReport::of);

  private RegionEvacuationReport() {}

  static RunReport of(RegionEvacuationResult r, ReportContext ctx) {
    boolean complete = r.outcome() == EvacuationOutcome.COMPLETE;
    RunReport.Builder b =
        MAPPING
            .builder(ctx, join(nz(r.services()).stream().map(ServiceEvacuation::service).toList()))
            .outcome(r.outcome() == null ? null : r.outcome().name(), complete, r.summary())
            .steps(r.timeline());
    for (ServiceEvacuation s : nz(r.services())) {
      b.evidence(
          new EvidenceRow(
              s.service(),
              "DR capacity (ECS)",
              null,
              "recovered",
              s.ecs(),
              null,
              "recovered".equals(s.ecs()),
              s.ecsDetail()));
      b.evidence(
          new EvidenceRow(
              s.service(),
              "DNS to the DR region",
              null,
              "SWITCHED or ALREADY_DONE",
              s.dns(),
              null,
              "SWITCHED".equals(s.dns()) || "ALREADY_DONE".equals(s.dns()),
              s.dnsDetail()));
    }
    return b.note(approval(r.approval()))
        .note(
            "Each service's own RTO is in its child runs' reports: <run>-ecs-<service> and"
                + " dns-failover-<record>")
        .build();
  }
}
