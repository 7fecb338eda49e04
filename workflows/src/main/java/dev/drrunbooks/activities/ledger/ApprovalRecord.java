package dev.drrunbooks.activities.ledger;

import java.time.Instant;

/**
 * One decision at a run's approval gate as the evidence ledger keeps it (table {@code
 * run_approvals}): who decided, whether the channel verified them, through which channel, when,
 * what and why. Written from the gates' decisions ({@code approval.GateEvidence}) and read back for
 * {@code dr evidence}.
 *
 * @param step the gate's step, e.g. {@code switch-traffic}
 * @param decision the gate verdict as the code names it ({@code APPROVED}, {@code ABORTED}, {@code
 *     TIMED_OUT_PROCEEDED}, {@code TIMED_OUT_ABORTED}, {@code BREAK_GLASS}), or {@code
 *     APPROVAL_COUNTED} for an approval counted at a gate that then timed out; null only for an
 *     approval read from the timeline of a run recorded before the ledger kept approvals ({@link
 *     #fromTimeline})
 * @param who the verified identity ({@code operator:alice}, {@code slack:U0123}), else the name
 *     typed with the answer; {@value #NOBODY} for a timeout
 * @param verified true when {@code who} is an identity the channel verified (the {@code
 *     dr-approver} header), false for a typed name
 * @param named the name typed with the answer (free text; may be the identity's own name); null
 *     when nobody typed one
 * @param channel what carried it, e.g. {@code dr approve (update)}, {@code slack button (signal)},
 *     {@code signal} (unverified), {@value #TIMER}, {@value #BREAK_GLASS_INPUT}; a decision made at
 *     a parent run's gate names that gate
 * @param at when it was decided
 * @param why the reason given (the operator's words), or why the gate decided itself
 */
public record ApprovalRecord(
    String step,
    String decision,
    String who,
    boolean verified,
    String named,
    String channel,
    Instant at,
    String why) {

  /** {@code who} of a gate that timed out. */
  public static final String NOBODY = "nobody";

  /** {@code channel} of a gate that timed out. */
  public static final String TIMER = "the gate's timeout";

  /** {@code channel} of a break-glass override, which the run's input carries. */
  public static final String BREAK_GLASS_INPUT = "break-glass in the run's input";

  /**
   * An approval as the timeline of a run recorded before the ledger kept approvals has it: only the
   * step, when, and the timeline's words ({@code APPROVED by alice: primary returns 503 (update)}).
   */
  public static ApprovalRecord fromTimeline(String step, Instant at, String detail) {
    return new ApprovalRecord(step, null, null, false, null, null, at, detail);
  }

  /**
   * This decision as made at {@code parentId}'s gate {@code parentStep}, recorded at {@code step}.
   */
  public ApprovalRecord relayed(String step, String parentId, String parentStep) {
    String gate = "at " + parentId + "'s gate '" + parentStep + "'";
    return new ApprovalRecord(
        step,
        decision,
        who,
        verified,
        named,
        channel == null ? gate : channel + ", " + gate,
        at,
        why);
  }

  /**
   * One line for an auditor: {@code switch-traffic: APPROVED by operator:alice (verified) via dr
   * approve (update) at 2026-11-15T08:03:00Z: primary returns 503}; {@code by alice (unverified)}
   * for a typed name, {@code (verified, named 'the CTO')} when the typed name is not the
   * identity's; a timeout has no one and no channel; a timeline's approval is {@code step (from the
   * run's timeline): words}.
   */
  public String line() {
    if (decision == null) return step + " (from the run's timeline): " + why;
    StringBuilder out = new StringBuilder(step).append(": ").append(decision);
    if (!NOBODY.equals(who)) {
      out.append(" by ").append(who).append(verified ? " (verified" : " (unverified");
      if (verified && named != null && !names(who, named))
        out.append(", named '").append(named).append('\'');
      out.append(')');
      if (channel != null) out.append(" via ").append(channel);
    }
    if (at != null) out.append(" at ").append(at);
    if (why != null) out.append(": ").append(why);
    return out.toString();
  }

  /** "operator:alice" is named "alice"; "slack:U0DEMO" is named "U0DEMO". */
  private static boolean names(String identity, String name) {
    return name.isBlank() || identity.equals(name) || identity.endsWith(":" + name.trim());
  }
}
