package dev.drrunbooks.approval;

import java.time.Instant;

/**
 * One answer that counted at a gate: the name and reason given, the identity and channel that
 * carried it, and when. A gate passed by two distinct approvers keeps both; an aborted one, the
 * abort.
 *
 * @param identity the verified identity, or null for an answer without one ({@link Approver})
 * @param channel what carried it and how, e.g. "dr approve (update)", "slack button (signal)"
 */
public record GateAnswer(String who, String identity, String channel, String why, Instant at) {

  /**
   * "operator:alice via dr approve (update)", "operator:alice (named 'the CTO') via ..." when the
   * typed name is not the identity's, or "alice, unverified, via ..." without an identity: the
   * verified identity leads, the free text never stands in for it.
   */
  public String line() {
    if (identity == null) return who + ", unverified, via " + channel;
    return identity + (names(identity, who) ? "" : " (named '" + who + "')") + " via " + channel;
  }

  /** Who answered, as records show it: the verified identity, else the typed name. */
  public String answeredBy() {
    return identity == null ? who : identity;
  }

  /** "operator:alice" is named "alice"; "slack:U0DEMO" is named "U0DEMO". */
  private static boolean names(String identity, String name) {
    return name == null
        || name.isBlank()
        || identity.equals(name)
        || identity.endsWith(":" + name.trim());
  }
}
