package dev.drrunbooks.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

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

  /**
   * For a wait whose first attempt describes nothing (the call that began it already answered what
   * a describe at once would say): the pause from {@code now} until its first describe, zero when
   * that time has come. Empty, the default, when the wait describes at once.
   */
  default Optional<Duration> pauseBeforeFirstPoll(Instant now) {
    return Optional.empty();
  }
}
