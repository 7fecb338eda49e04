package dev.drrunbooks.aws;

import java.time.Duration;
import java.time.Instant;

/**
 * How long {@link StatusPoller} pauses after a poll.
 *
 * @param <T> what a describe returns
 */
@FunctionalInterface
public interface PollPacing<T> {
  /**
   * @param polls the polls made so far, this one included (across attempts: the heartbeat carries
   *     them)
   * @param seen what this poll described; null when the describe failed
   * @param now the poller's clock when it decides
   * @return the pause before the next poll (the poller shortens it to the deadline)
   */
  Duration pauseAfter(int polls, T seen, Instant now);
}
