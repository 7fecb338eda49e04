package dev.drrunbooks.starter.runs;

import java.util.Set;

/**
 * The DrPhase values a run sets just before it waits at an approval gate ({@code phases.enter(...)}
 * right before {@code ApprovalGate.await} in the workflows): a run in one of them waits for a
 * person. {@code GatePhasesTest} reads the workflows' source to keep this list complete.
 */
public final class GatePhases {
  /** DNS failover and region evacuation: "approval"; data recovery: its two confirmations. */
  public static final Set<String> ALL = Set.of("approval", "confirm", "confirm-replay");

  private GatePhases() {}

  /** Whether a run in {@code phase} waits at a gate (null: not known to). */
  public static boolean waits(String phase) {
    return phase != null && ALL.contains(phase);
  }
}
