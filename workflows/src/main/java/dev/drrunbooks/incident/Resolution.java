package dev.drrunbooks.incident;

import dev.drrunbooks.report.FollowUpDrill;

/**
 * Closes the incident: needs every affected service verified and no recovery still running, or
 * {@code force} with a reason. The run then writes the post-incident review and ends.
 *
 * @param rootCause what is known of it (the review leaves it to be filled in when blank)
 * @param followUpDrill the next run of the drill schedule, as the caller read it (the starter asks
 *     the server)
 */
public record Resolution(
    String who, String why, Boolean force, String rootCause, FollowUpDrill followUpDrill) {

  public static Resolution of(String who, String why) {
    return new Resolution(who, why, null, null, null);
  }
}
