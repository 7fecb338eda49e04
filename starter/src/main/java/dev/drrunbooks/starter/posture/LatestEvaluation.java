package dev.drrunbooks.starter.posture;

import dev.drrunbooks.readiness.ReadinessEvaluation;
import dev.drrunbooks.readiness.ReadinessResult;
import dev.drrunbooks.readiness.ServiceReadiness;
import io.temporal.client.WorkflowClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Each service's newest readiness: from the newest completed evaluation that covered it (Temporal's
 * visibility lists closed runs newest first), so a {@code dr readiness --service inventory} run
 * updates Inventory without hiding the others, as the worker's readiness gauges do.
 *
 * @param workflowId the newest evaluation used
 * @param result the services' readiness, merged; its summary is recomputed and its timeline is
 *     empty; its {@code evaluatedAt} is the oldest source's, so staleness is never understated
 * @param sources the evaluations it came from, newest first, with the services each gave
 */
public record LatestEvaluation(
    String workflowId, String runId, ReadinessResult result, List<Source> sources) {

  /** How many completed evaluations are read at most: a day of the 30-minute schedule, twice. */
  static final int MOST_READ = 96;

  /** One evaluation used, and the services taken from it. */
  public record Source(
      String workflowId, String runId, Instant evaluatedAt, List<String> services) {}

  /**
   * Empty when no evaluation has completed (the schedule not applied, or not yet due).
   *
   * @param services the catalog's service keys; empty: the newest evaluation alone
   */
  public static Optional<LatestEvaluation> find(
      WorkflowClient client, Collection<String> services) {
    String query =
        "WorkflowType = \""
            + ReadinessEvaluation.PROCEDURE.workflowType()
            + "\" AND ExecutionStatus = \"Completed\"";
    Merge merge = new Merge(services);
    client
        .listExecutions(query)
        .limit(MOST_READ)
        .takeWhile(e -> !merge.complete())
        .forEach(
            e -> {
              String id = e.getExecution().getWorkflowId();
              String runId = e.getExecution().getRunId();
              merge.add(id, runId, result(client, id, runId));
            });
    return merge.result();
  }

  private static ReadinessResult result(WorkflowClient client, String workflowId, String runId) {
    return client
        .newUntypedWorkflowStub(workflowId, Optional.of(runId), Optional.empty())
        .getResult(ReadinessResult.class);
  }

  /** Evaluations added newest first; each service's first appearance wins. */
  static final class Merge {
    private final Set<String> wanted;
    private final Map<String, ServiceReadiness> byService = new LinkedHashMap<>();
    private final List<Source> sources = new ArrayList<>();
    private Instant oldest;

    Merge(Collection<String> wanted) {
      this.wanted = new TreeSet<>(wanted);
    }

    /** Whether every wanted service has its newest readiness (or, wanting none, one was read). */
    boolean complete() {
      return wanted.isEmpty() ? !sources.isEmpty() : byService.keySet().containsAll(wanted);
    }

    void add(String workflowId, String runId, ReadinessResult r) {
      List<String> taken = new ArrayList<>();
      for (ServiceReadiness s : r.services()) {
        if (byService.containsKey(s.service())) continue;
        if (!wanted.isEmpty() && !wanted.contains(s.service())) continue; // left the catalog
        byService.put(s.service(), s);
        taken.add(s.service());
      }
      if (taken.isEmpty() && !sources.isEmpty()) return;
      sources.add(new Source(workflowId, runId, r.evaluatedAt(), taken));
      if (oldest == null || r.evaluatedAt().isBefore(oldest)) oldest = r.evaluatedAt();
    }

    Optional<LatestEvaluation> result() {
      if (sources.isEmpty()) return Optional.empty();
      List<ServiceReadiness> services =
          byService.values().stream()
              .sorted(Comparator.comparing(ServiceReadiness::service))
              .toList();
      Source newest = sources.get(0);
      return Optional.of(
          new LatestEvaluation(
              newest.workflowId(),
              newest.runId(),
              ReadinessResult.of(oldest, services, List.of()),
              List.copyOf(sources)));
    }
  }
}
