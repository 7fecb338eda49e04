package dev.drrunbooks.model;

import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowLocal;
import io.temporal.workflow.unsafe.WorkflowUnsafe;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The record every run keeps of its steps. Uses workflow time, so it is deterministic and replays
 * exactly; call it only from workflow code.
 */
public final class Timeline {
  /** Registered once per run, by its first timeline (a drill keeps one per service too). */
  private static final WorkflowLocal<Boolean> QUERYABLE = WorkflowLocal.withInitial(() -> false);

  private final List<TimelineEntry> entries;

  public Timeline() {
    this(new ArrayList<>());
  }

  /**
   * Records into {@code entries}, a list the caller keeps (a workflow's serializable state, carried
   * on). In a workflow, the run's first timeline answers the {@link TimelineQuery}.
   */
  public Timeline(List<TimelineEntry> entries) {
    this.entries = entries;
    if (WorkflowUnsafe.isWorkflowThread() && !QUERYABLE.get()) {
      QUERYABLE.set(true);
      Workflow.registerListener(
          new TimelineQuery() {
            @Override
            public List<TimelineEntry> timeline() {
              return entries();
            }
          });
    }
  }

  /** Runs a step, records its start, end and outcome, and rethrows its failure. */
  public <T> T step(String name, Supplier<T> body, Function<T, String> detail) {
    Instant start = now();
    try {
      T result = body.get();
      entries.add(new TimelineEntry(name, start, now(), Outcome.SUCCEEDED, detail.apply(result)));
      return result;
    } catch (RuntimeException e) {
      entries.add(new TimelineEntry(name, start, now(), Outcome.FAILED, Failures.rootMessage(e)));
      throw e;
    }
  }

  public void record(String name, Instant start, Outcome outcome, String detail) {
    entries.add(new TimelineEntry(name, start, now(), outcome, detail));
  }

  public List<TimelineEntry> entries() {
    return List.copyOf(entries);
  }

  public static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
