package dev.drrunbooks.failover;

import java.util.ArrayList;
import java.util.List;

/**
 * The source region's health signals (HTTP probes, the Route53 health check, the CloudWatch alarm),
 * each healthy or not, and whether they disagree.
 */
record SourceSignals(List<Signal> signals) {

  record Signal(String name, boolean healthy) {}

  SourceSignals with(String name, boolean healthy) {
    List<Signal> more = new ArrayList<>(signals);
    more.add(new Signal(name, healthy));
    return new SourceSignals(List.copyOf(more));
  }

  /** Healthy only when every signal says so (no signal at all: healthy, as before). */
  boolean healthy() {
    return signals.stream().allMatch(Signal::healthy);
  }

  /** Null when all signals agree; else which say unhealthy and which say healthy. */
  String disagreement() {
    List<String> up = signals.stream().filter(Signal::healthy).map(Signal::name).toList();
    List<String> down = signals.stream().filter(s -> !s.healthy()).map(Signal::name).toList();
    if (up.isEmpty() || down.isEmpty()) return null;
    return "signals disagree: "
        + String.join(", ", down)
        + " say unhealthy; "
        + String.join(", ", up)
        + " say healthy";
  }
}
