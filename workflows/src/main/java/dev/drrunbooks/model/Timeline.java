package dev.drrunbooks.model;

import io.temporal.workflow.Workflow;
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
  private final List<TimelineEntry> entries;

  public Timeline() {
    this(new ArrayList<>());
  }

  /** Records into {@code entries}, a list the caller keeps (a workflow's serializable state, carried on). */
  public Timeline(List<TimelineEntry> entries) {
    this.entries = entries;
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
