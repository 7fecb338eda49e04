package dev.drrunbooks.report;

import java.time.Instant;

/**
 * The follow-up DR drill a post-incident review points to: the next run of a schedule, or why there
 * is none. A value, so the review stays pure: the caller asks the server.
 */
public record FollowUpDrill(String scheduleId, Instant nextRun, String note) {

  public static FollowUpDrill scheduled(String scheduleId, Instant nextRun) {
    return new FollowUpDrill(scheduleId, nextRun, null);
  }

  public static FollowUpDrill none(String why) {
    return new FollowUpDrill(null, null, why);
  }
}
