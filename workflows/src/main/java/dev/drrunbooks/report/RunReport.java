package dev.drrunbooks.report;

import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.model.CleanupRecord;
import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.model.RecoveryObjectives;
import dev.drrunbooks.model.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Any run's result, in the one shape the Markdown, JSON and HTML reports and the post-incident
 * review render: what ran, when, how it ended, the objectives per service with breaches flagged,
 * every step, the validation evidence and what was cleaned up. Built by a procedure's {@link
 * ReportMapping} from its result, or by {@link EndedRunReport} for a run that ended without one.
 *
 * @param procedure the procedure's tag, e.g. {@code backup-validation}, {@code pitr}, {@code
 *     dns-failover}
 * @param outcome how the run ended in the procedure's words: SUCCEEDED, FAILED, SWITCHED, ABORTED,
 *     ...
 * @param passed whether the run did what it was for (breaches aside: see {@code breached})
 * @param breached whether any service missed an objective (derived from {@code objectives})
 * @param rtoLine the RTO objective for the timeline chart, null when the run measures none
 * @param runLink the run's page in the Temporal UI; null when unknown (reports written before it
 *     existed)
 */
public record RunReport(
    String workflowId,
    String procedure,
    String title,
    Instant start,
    Instant end,
    String outcome,
    boolean passed,
    boolean breached,
    String summary,
    List<ObjectiveRow> objectives,
    List<ReportStep> timeline,
    RtoLine rtoLine,
    List<EvidenceRow> evidence,
    List<CleanupRow> cleanup,
    List<String> notes,
    String runLink) {

  public RunReport {
    objectives = objectives == null ? List.of() : List.copyOf(objectives);
    timeline = timeline == null ? List.of() : List.copyOf(timeline);
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    cleanup = cleanup == null ? List.of() : List.copyOf(cleanup);
    notes = notes == null ? List.of() : List.copyOf(notes);
    breached = objectives.stream().anyMatch(ObjectiveRow::breached);
  }

  /** This report with the link to its run in the Temporal UI (kept when {@code link} is null). */
  public RunReport withRunLink(String link) {
    if (link == null) return this;
    return new RunReport(
        workflowId,
        procedure,
        title,
        start,
        end,
        outcome,
        passed,
        breached,
        summary,
        objectives,
        timeline,
        rtoLine,
        evidence,
        cleanup,
        notes,
        link);
  }

  /**
   * This report with another ending: {@code outcome}, whether it {@code passed}, and its {@code
   * summary}; its steps, objectives, evidence and clean-up are kept.
   */
  public RunReport withOutcome(String outcome, boolean passed, String summary) {
    return new RunReport(
        workflowId,
        procedure,
        title,
        start,
        end,
        outcome,
        passed,
        breached,
        summary,
        objectives,
        timeline,
        rtoLine,
        evidence,
        cleanup,
        notes,
        runLink);
  }

  /**
   * How long the run took, from its first step's start to its last step's end; null when unknown.
   */
  public Duration took() {
    return start == null || end == null ? null : Duration.between(start, end);
  }

  /** The services the report covers, in the order they appear. */
  public List<String> services() {
    List<String> out = new ArrayList<>();
    objectives.forEach(o -> add(out, o.service()));
    timeline.forEach(s -> add(out, s.service()));
    evidence.forEach(e -> add(out, e.service()));
    return out;
  }

  private static void add(List<String> out, String service) {
    if (service != null && !out.contains(service)) out.add(service);
  }

  public static Builder builder(String workflowId, String procedure, String title) {
    return new Builder(workflowId, procedure, title);
  }

  /**
   * Assembles a report a service at a time. A procedure over several services (a drill) is: one
   * {@link #service} call per service, {@link #steps} for the run's own steps, {@link #cleanup}.
   */
  public static final class Builder {
    private static final Pattern MEASURED_FROM =
        Pattern.compile("from (?:incident time|run start) (\\S+)");

    private final String workflowId;
    private final String procedure;
    private final String title;
    private Instant start;
    private Instant end;
    private Instant clockStart;
    private String outcome = "SUCCEEDED";
    private boolean passed = true;
    private String summary;
    private final List<ObjectiveRow> objectives = new ArrayList<>();
    private final List<ReportStep> timeline = new ArrayList<>();
    private final List<EvidenceRow> evidence = new ArrayList<>();
    private final List<CleanupRow> cleanup = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private String runLink;

    private Builder(String workflowId, String procedure, String title) {
      this.workflowId = workflowId;
      this.procedure = procedure;
      this.title = title;
    }

    /** How the run ended; {@code passed} says whether it did what it was for. */
    public Builder outcome(String outcome, boolean passed, String summary) {
      this.outcome = outcome;
      this.passed = passed;
      this.summary = summary;
      return this;
    }

    /**
     * One service's part: its steps, its RTO and RPO checks, its data evidence and its verdict; any
     * may be null.
     */
    public Builder service(
        String service,
        List<TimelineEntry> steps,
        ObjectiveCheck rto,
        ObjectiveCheck rpo,
        ValidationReport validation,
        Boolean passed) {
      stepsOf(service, steps);
      objectives(service, rto, rpo, passed);
      evidence.addAll(EvidenceRow.of(service, validation));
      return this;
    }

    /**
     * A restore kept as the recovery of {@code service}: SUCCEEDED when its data checks passed (or
     * none ran), else FAILED; its steps, measured RTO and RPO ({@code objectives} may be null) and
     * data checks.
     */
    public Builder recovery(
        String service,
        List<TimelineEntry> steps,
        RecoveryObjectives objectives,
        ValidationReport validation,
        String summary) {
      boolean valid = validation == null || validation.passed();
      return outcome(valid ? "SUCCEEDED" : "FAILED", valid, summary)
          .service(
              service,
              steps,
              objectives == null ? null : objectives.rto(),
              objectives == null ? null : objectives.rpo(),
              validation,
              null);
    }

    /** The run's own steps (not one service's). */
    public Builder steps(List<TimelineEntry> steps) {
      return stepsOf(null, steps);
    }

    public Builder stepsOf(String service, List<TimelineEntry> steps) {
      if (steps != null) steps.forEach(e -> timeline.add(ReportStep.of(service, e)));
      return this;
    }

    public Builder objectives(
        String service, ObjectiveCheck rto, ObjectiveCheck rpo, Boolean passed) {
      if (rto != null || rpo != null || passed != null)
        objectives.add(ObjectiveRow.of(service, rto, rpo, passed));
      return this;
    }

    public Builder evidence(EvidenceRow row) {
      evidence.add(row);
      return this;
    }

    public Builder validation(String service, ValidationReport report) {
      evidence.addAll(EvidenceRow.of(service, report));
      return this;
    }

    public Builder cleanup(String service, List<CleanupRecord> records) {
      if (records != null) records.forEach(r -> cleanup.add(CleanupRow.of(service, r)));
      return this;
    }

    public Builder note(String note) {
      if (note != null && !note.isBlank()) notes.add(note);
      return this;
    }

    /** The run's page in the Temporal UI; null leaves it out. */
    public Builder runLink(String link) {
      this.runLink = link;
      return this;
    }

    /** The run's start and end when the steps do not tell (a run with no timeline). */
    public Builder period(Instant start, Instant end) {
      this.start = start;
      this.end = end;
      return this;
    }

    /**
     * What the RTO is measured from, when the checks' basis does not say (default: the run's
     * start).
     */
    public Builder clockStart(Instant from) {
      this.clockStart = from;
      return this;
    }

    public RunReport build() {
      Instant first =
          timeline.stream()
              .map(ReportStep::start)
              .filter(Objects::nonNull)
              .min(Comparator.naturalOrder())
              .orElse(start);
      Instant last =
          timeline.stream()
              .map(ReportStep::end)
              .filter(Objects::nonNull)
              .max(Comparator.naturalOrder())
              .orElse(end);
      timeline.sort(
          Comparator.comparing(ReportStep::start, Comparator.nullsLast(Comparator.naturalOrder())));
      return new RunReport(
          workflowId,
          procedure,
          title,
          first,
          last,
          outcome,
          passed,
          false,
          summary,
          objectives,
          timeline,
          rtoLine(first),
          evidence,
          cleanup,
          notes,
          runLink);
    }

    /** The strictest RTO objective among the services, drawn from what it is measured from. */
    private RtoLine rtoLine(Instant runStart) {
      return objectives.stream()
          .filter(o -> o.rtoObjective() != null)
          .min(Comparator.comparing(ObjectiveRow::rtoObjective))
          .map(
              o -> {
                Instant from = clockStart != null ? clockStart : measuredFrom(o.basis(), runStart);
                return from == null
                    ? null
                    : new RtoLine(
                        o.service(), from, o.rtoObjective(), o.rtoAchieved(), o.rtoBreached());
              })
          .orElse(null);
    }

    /**
     * "from incident time 2024-01-15T03:10:00Z" (as the workflows write it) gives the incident
     * time.
     */
    static Instant measuredFrom(String basis, Instant fallback) {
      if (basis == null) return fallback;
      Matcher m = MEASURED_FROM.matcher(basis);
      if (!m.find()) return fallback;
      try {
        return Instant.parse(m.group(1).replaceAll("[;,)]+$", ""));
      } catch (DateTimeParseException e) {
        return fallback;
      }
    }
  }
}
