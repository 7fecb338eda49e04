package dev.drrunbooks.runbook;

import dev.drrunbooks.model.SearchAttributes;
import dev.drrunbooks.report.ObjectiveRow;
import dev.drrunbooks.report.RunReport;
import io.temporal.common.SearchAttributeUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a run ended, as the DrOutcome, DrRtoSeconds, DrRpoSeconds and DrRtoBreached search attributes
 * say it: the outcome of the run's report, and the achieved objectives (the longest over the
 * services the run covered; unset when it measured none). Pure: {@link RunOutcomeInterceptor}
 * upserts it.
 *
 * @param outcome the report's outcome (SUCCEEDED, ABORTED, PASSED...), or FAILED / CANCELLED for a
 *     run that ended without a result
 * @param rtoSeconds whole seconds, or null when not measured
 * @param rpoSeconds whole seconds, or null when not measured
 * @param rtoBreached null exactly when {@code rtoSeconds} is
 */
public record RunOutcome(String outcome, Long rtoSeconds, Long rpoSeconds, Boolean rtoBreached) {

  /** A completed run's, from its report. */
  public static RunOutcome of(RunReport report) {
    Long rto = longest(report.objectives().stream().map(ObjectiveRow::rtoAchieved).toList());
    Long rpo = longest(report.objectives().stream().map(ObjectiveRow::rpoAchieved).toList());
    Boolean breached =
        rto == null
            ? null
            : report.objectives().stream()
                .anyMatch(r -> r.rtoAchieved() != null && r.rtoBreached());
    return new RunOutcome(report.outcome(), rto, rpo, breached);
  }

  /** A run that ended without a result: only the outcome. */
  public static RunOutcome ended(String outcome) {
    return new RunOutcome(outcome, null, null, null);
  }

  /** The search attribute updates: the outcome always, the others when measured. */
  public List<SearchAttributeUpdate<?>> updates() {
    List<SearchAttributeUpdate<?>> updates = new ArrayList<>();
    updates.add(SearchAttributes.OUTCOME.valueSet(outcome));
    if (rtoSeconds != null) updates.add(SearchAttributes.RTO_SECONDS.valueSet(rtoSeconds));
    if (rpoSeconds != null) updates.add(SearchAttributes.RPO_SECONDS.valueSet(rpoSeconds));
    if (rtoBreached != null) updates.add(SearchAttributes.RTO_BREACHED.valueSet(rtoBreached));
    return updates;
  }

  private static Long longest(List<Duration> achieved) {
    return achieved.stream()
        .filter(Objects::nonNull)
        .map(Duration::toSeconds)
        .max(Long::compare)
        .orElse(null);
  }
}
