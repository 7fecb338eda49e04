package dev.drrunbooks.incident;

import static dev.drrunbooks.report.ReportLines.nz;

import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.report.ReportMapping;
import dev.drrunbooks.report.RunReport;

/**
 * A resolved incident as a report, from its result: RTO per service measured from detection, the
 * incident's timeline, each recovery it launched and each phase against its deadline. The review
 * the incident wrote itself also carries its children's steps; this mapping reads only what the
 * result exposes. Pure.
 */
public final class IncidentResponseReport {
  public static final ReportMapping<IncidentResult> MAPPING =
      ReportMapping.of("incident-response", "Incident response", IncidentResponseReport::of);

  private IncidentResponseReport() {}

  static RunReport of(IncidentResult r, ReportContext ctx) {
    RunReport.Builder b =
        MAPPING
            .headed(ctx, r.severity() + " incident: " + r.summary())
            .outcome(
                r.outcome() == null ? null : r.outcome().name(),
                r.outcome() == IncidentOutcome.RESOLVED,
                r.summaryLine())
            .clockStart(r.detectedAt())
            .period(r.detectedAt(), r.resolvedAt())
            .steps(r.timeline());
    for (ServiceRecovery o : nz(r.objectives())) {
      b.objectives(o.service(), o.rto(), o.rpo(), o.verifiedAt() != null);
    }
    for (ChildRecovery c : nz(r.children())) {
      b.note(IncidentNotes.recovery(c));
    }
    for (PhaseStatus p : nz(r.phases())) {
      b.note(IncidentNotes.phase(p));
    }
    if (r.review() != null)
      b.note("Post-incident review written by the worker: " + r.review().directory());
    if (r.followUpDrill() != null) {
      b.note(
          "Follow-up DR drill: "
              + (r.followUpDrill().nextRun() != null
                  ? r.followUpDrill().nextRun()
                      + " (schedule "
                      + r.followUpDrill().scheduleId()
                      + ")"
                  : r.followUpDrill().note()));
    }
    return b.build();
  }
}
