package dev.drrunbooks.model;

import java.time.Duration;

/**
 * One recovery objective against what a run achieved. {@code achieved} is null when it cannot be
 * known (e.g. RPO of a run with no incident time); {@code basis} says what it was measured from.
 */
public record ObjectiveCheck(
    Duration objective, Duration achieved, boolean breached, String basis) {

  public static ObjectiveCheck of(Duration objective, Duration achieved, String basis) {
    boolean breached = objective != null && achieved != null && achieved.compareTo(objective) > 0;
    return new ObjectiveCheck(objective, achieved, breached, basis);
  }
}
