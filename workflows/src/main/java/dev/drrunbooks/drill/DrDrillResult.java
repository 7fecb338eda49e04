package dev.drrunbooks.drill;

import dev.drrunbooks.model.CleanupRecord;
import dev.drrunbooks.model.TimelineEntry;
import java.util.List;

/**
 * The drill's outcome per service, the test environment used, what was cleaned up, and what (if
 * anything) carrying the run's tags was still there afterwards: that list must be empty.
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
