package dev.drrunbooks.gateway.verify;

import dev.drrunbooks.gateway.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A signed request's timestamp must be within {@link #WINDOW} of now, either way (Slack's rule:
 * https://api.slack.com/authentication/verifying-requests-from-slack), so a captured request cannot
 * be replayed later once its nonce is forgotten.
 */
public final class FreshTimestamp {
  /** How old (or how far ahead, for clock skew) a timestamp may be. */
  public static final Duration WINDOW = Duration.ofMinutes(5);

  private final Clock clock;

  public FreshTimestamp(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param header the header's name, for the message
   * @param value Unix seconds as sent
   * @return the value, parsed
   * @throws Refusal 401 when missing, not a number, or outside the window
   */
  public long check(String header, String value) {
    if (value == null || value.isBlank())
      throw Refusal.unverified(header + ": missing; allowed: Unix seconds within 5 minutes of now");
    long seconds;
    try {
      seconds = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw Refusal.unverified(header + ": '" + value + "' is not Unix seconds");
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - seconds) > WINDOW.toSeconds())
      throw Refusal.unverified(
          header
              + ": "
              + seconds
              + " ("
              + Instant.ofEpochSecond(seconds)
              + ") is more than 5 minutes from the gateway's clock ("
              + Instant.ofEpochSecond(now)
              + "); stale or replayed requests are refused");
    return seconds;
  }
}
