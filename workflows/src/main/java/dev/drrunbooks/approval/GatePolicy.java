package dev.drrunbooks.approval;

import dev.drrunbooks.catalog.Durations;
import dev.drrunbooks.catalog.FailoverPolicy;
import dev.drrunbooks.catalog.GateDefault;
import dev.drrunbooks.model.Inputs;
import java.time.Duration;

/**
 * The gate a run gets: the catalog's policy, which the run's input may strengthen but never weaken,
 * or a named person's {@link BreakGlass}.
 *
 * <p>Weakening, refused as InvalidInput before any step: {@code requireApproval: false} where the
 * catalog requires approval; {@code onApprovalTimeout: proceed} where it aborts; an approval
 * timeout shorter than the catalog's where the gate proceeds on timeout (going ahead sooner without
 * an answer). A shorter timeout on a gate that aborts only gives up sooner, so it is allowed.
 * Strengthening (approval where the catalog needs none, abort where it proceeds, a longer timeout)
 * is always allowed.
 *
 * @param required whether the run waits at the gate (false with break-glass: the person has
 *     decided)
 * @param breakGlass the emergency override, or null
 */
public record GatePolicy(
    boolean required, Duration timeout, GateDefault onTimeout, BreakGlass breakGlass) {

  /**
   * @param whose what the catalog's policy belongs to, for the messages, e.g. "service inventory"
   * @param floor the catalog's policy: what the run must not weaken
   * @param defaults what applies where the input says nothing (the catalog's policy, or a stricter
   *     one)
   */
  public static GatePolicy enforce(
      String whose,
      FailoverPolicy floor,
      FailoverPolicy defaults,
      Boolean requireApproval,
      String approvalTimeout,
      String onApprovalTimeout,
      BreakGlass breakGlass) {
    FailoverPolicy catalog = floor.withDefaults();
    FailoverPolicy fallback = defaults.withDefaults();
    Duration timeout =
        Inputs.duration("approvalTimeout", approvalTimeout, fallback.approvalTimeout());
    GateDefault onTimeout =
        Inputs.gateDefault("onApprovalTimeout", onApprovalTimeout, fallback.onApprovalTimeout());
    if (breakGlass != null) {
      return breakingGlass(
          breakGlass, requireApproval, approvalTimeout, onApprovalTimeout, fallback);
    }
    boolean required = requireApproval != null ? requireApproval : fallback.requireApproval();
    String rule =
        "the catalog's policy for "
            + whose
            + " is "
            + describe(catalog)
            + "; a run may strengthen it, "
            + "not weaken it (in an emergency: breakGlass with who and reason)";
    if (catalog.requireApproval() && !required)
      throw Inputs.invalid("requireApproval", false, rule);
    if (catalog.onApprovalTimeout() == GateDefault.ABORT && onTimeout == GateDefault.PROCEED) {
      throw Inputs.invalid("onApprovalTimeout", onApprovalTimeout, rule);
    }
    if (catalog.requireApproval()
        && onTimeout == GateDefault.PROCEED
        && timeout.compareTo(catalog.approvalTimeout()) < 0) {
      throw Inputs.invalid(
          "approvalTimeout",
          approvalTimeout,
          "shorter than the catalog's "
              + Durations.format(catalog.approvalTimeout())
              + " on a gate that proceeds on timeout; "
              + rule);
    }
    return new GatePolicy(required, timeout, onTimeout, null);
  }

  private static GatePolicy breakingGlass(
      BreakGlass breakGlass,
      Boolean requireApproval,
      String approvalTimeout,
      String onApprovalTimeout,
      FailoverPolicy fallback) {
    if (breakGlass.who() == null || breakGlass.who().isBlank()) {
      throw Inputs.invalid("breakGlass.who", breakGlass.who(), "say who breaks the glass");
    }
    if (breakGlass.reason() == null || breakGlass.reason().isBlank()) {
      throw Inputs.invalid(
          "breakGlass.reason", breakGlass.reason(), "give the reason for the emergency override");
    }
    if (requireApproval != null || approvalTimeout != null || onApprovalTimeout != null) {
      throw Inputs.invalid(
          "breakGlass",
          breakGlass.who(),
          "break-glass skips the gate; give no requireApproval, "
              + "approvalTimeout or onApprovalTimeout with it");
    }
    return new GatePolicy(
        false,
        fallback.approvalTimeout(),
        GateDefault.ABORT,
        new BreakGlass(breakGlass.who().trim(), breakGlass.reason().trim()));
  }

  /** The policy's gate fields as the catalog spells them. */
  public static String describe(FailoverPolicy policy) {
    FailoverPolicy p = policy.withDefaults();
    return "requireApproval: "
        + p.requireApproval()
        + ", approvalTimeout: "
        + Durations.format(p.approvalTimeout())
        + ", onApprovalTimeout: "
        + p.onApprovalTimeout().name().toLowerCase();
  }
}
