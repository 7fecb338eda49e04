package dev.drrunbooks.model;

import java.time.Instant;

/**
 * A signal a run refused, for its status query: a signal has no caller to answer, so the refusal is
 * kept where a person or a bot can read it.
 *
 * @param signal the signal's name, e.g. {@code acknowledgeSignal}
 * @param who the payload's {@code who}, as sent; null when it had none
 * @param at workflow time of receipt
 * @param reason why it was refused, starting with the field at fault where there is one, e.g.
 *     {@code who: say who takes the incident}
 */
public record RejectedSignal(String signal, String who, Instant at, String reason) {

  /** "{signal} from {who} at {at}: {reason}" ("from" left out when nobody was named). */
  public String line() {
    return signal + (who == null ? "" : " from " + who) + " at " + at + ": " + reason;
  }
}
