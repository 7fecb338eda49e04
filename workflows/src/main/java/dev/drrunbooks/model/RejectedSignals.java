package dev.drrunbooks.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The latest {@value #MAX} signals a run refused, oldest first: bounded, so a bot that keeps
 * sending a bad signal cannot grow a run's state (and a continued incident's input) without limit.
 * Reads and writes as a plain JSON list, so workflow state can carry it.
 */
public final class RejectedSignals {
  public static final int MAX = 10;

  private final List<RejectedSignal> latest;

  public RejectedSignals() {
    this(List.of());
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  RejectedSignals(List<RejectedSignal> carried) {
    latest = new ArrayList<>(carried);
  }

  /** Keeps {@code r}, dropping the oldest once {@value #MAX} are kept. */
  public void add(RejectedSignal r) {
    latest.add(r);
    while (latest.size() > MAX) latest.remove(0);
  }

  @JsonValue
  public List<RejectedSignal> all() {
    return List.copyOf(latest);
  }
}
