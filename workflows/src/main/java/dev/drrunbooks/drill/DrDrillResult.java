package dev.drrunbooks.drill;

import dev.drrunbooks.model.CleanupRecord;
import dev.drrunbooks.model.TimelineEntry;
import java.util.List;

/**
 * The drill's outcome per service, the test environment used, what was cleaned up, and what (if
 * anything) carrying the run's tags, or named for it, was still there afterwards: that list must be
 * empty. {@code passed}: every service's steps worked, its checks passed and its RTO and RPO were
 * met.
 */
public record DrDrillResult(
    List<ServiceDrill> services,
    String stackName,
    List<CleanupRecord> cleanup,
    List<String> leftovers,
    List<TimelineEntry> timeline,
    boolean passed,
    String reportLocation,
    String summary) {}
