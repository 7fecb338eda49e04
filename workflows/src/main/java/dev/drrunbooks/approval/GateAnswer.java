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

  /** "alice as operator:alice via dr approve (update)", or "alice, unverified, via ...". */
  public String line() {
    return who + (identity == null ? ", unverified," : " as " + identity) + " via " + channel;
  }
}
