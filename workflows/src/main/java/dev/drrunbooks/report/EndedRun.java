package dev.drrunbooks.report;

import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.model.TimelineEntry;
import java.time.Instant;
import java.util.List;

/**
 * What is known of a run that ended without a result: how it ended, its failure message, the
 * evidence a failed validation carries, and the timeline it had recorded when it ended (read back
 * with the {@link dev.drrunbooks.model.TimelineQuery}, which a worker answers by replaying the
 * closed run's history).
 *
 * @param state FAILED, CANCELED, TERMINATED or TIMED_OUT (Temporal's status without its prefix)
 * @param service the run's DrService search attribute; null when it has none
 * @param message the failure's message (a cancelled run's says what its clean-up did)
 * @param evidence a failed validation's report; null otherwise
 * @param timeline the steps recorded so far, clean-up included; null when it could not be read
 * @param timelineUnavailable why {@code timeline} is null (e.g. no worker answered the query)
 */
public record EndedRun(
    String state,
    String service,
    Instant start,
    Instant end,
    String message,
    ValidationReport evidence,
    List<TimelineEntry> timeline,
    String timelineUnavailable) {}
