package dev.drrunbooks.catalog;

import java.time.Duration;
import java.util.List;

/**
 * How a service fails over: whether a person (or incident bot) must approve, how long the gate
 * waits and what it does then, and the traffic shift to the secondary in stages (e.g. 10, 50, 100).
 */
public record FailoverPolicy(
    Boolean requireApproval,
    Duration approvalTimeout,
    GateDefault onApprovalTimeout,
    List<Integer> stages) {

  /** A service without a policy: approval required, 15 minutes, then abort; all traffic at once. */
  public static final FailoverPolicy DEFAULT =
      new FailoverPolicy(true, Duration.ofMinutes(15), GateDefault.ABORT, List.of(100));

  public FailoverPolicy {
    stages = stages == null ? null : List.copyOf(stages);
  }

  /**
   * The gate fields of several services' policies at their strictest (approval if any requires it,
   * abort if any aborts, the longest timeout), e.g. for one gate covering them all; stages are not
   * merged.
   */
  public static FailoverPolicy strictest(List<FailoverPolicy> policies) {
    FailoverPolicy strictest = null;
    for (FailoverPolicy p : policies) {
      FailoverPolicy f = p.withDefaults();
      strictest =
          strictest == null
              ? f
              : new FailoverPolicy(
                  strictest.requireApproval || f.requireApproval,
                  strictest.approvalTimeout.compareTo(f.approvalTimeout) >= 0
                      ? strictest.approvalTimeout
                      : f.approvalTimeout,
                  strictest.onApprovalTimeout == GateDefault.ABORT
                          || f.onApprovalTimeout == GateDefault.ABORT
                      ? GateDefault.ABORT
                      : GateDefault.PROCEED,
                  null);
    }
    return strictest == null ? DEFAULT : strictest;
  }

  /** This policy with the default filled in wherever a field was left out. */
  public FailoverPolicy withDefaults() {
    return new FailoverPolicy(
        requireApproval != null ? requireApproval : DEFAULT.requireApproval,
        approvalTimeout != null ? approvalTimeout : DEFAULT.approvalTimeout,
        onApprovalTimeout != null ? onApprovalTimeout : DEFAULT.onApprovalTimeout,
        stages != null && !stages.isEmpty() ? stages : DEFAULT.stages);
  }
}
