package dev.drrunbooks.catalog;

import java.time.Duration;
import java.util.List;

/**
 * A Temporal Schedule the catalog declares: which procedure, for which services, when, and how much
 * of a missed run to catch up. The schedule's id is {@code dr-<key>}; {@code dr schedules apply}
 * makes the server match the catalog. Overlap is always "skip": a run never starts while the
 * previous one still runs.
 *
 * @param procedure {@code dr-drill} (the monthly drill, all {@code services} in one run), {@code
 *     backup-validation} (the weekly backup test, exactly one service) or {@code readiness} (the
 *     readiness evaluation: one service, or {@code all})
 * @param timeZone IANA zone the calendar is read in (default UTC)
 * @param catchupWindow how late a run missed during an outage may still start; one run, never one
 *     per miss
 * @param waitBudget optional: how long each restore may take (default: the service's RTO)
 * @param pick optional, backup-validation only: {@code newest} (default) or {@code random}
 * @param description optional words for people, shown by {@code dr schedules list}
 */
public record ScheduleSpec(
    String procedure,
    List<String> services,
    CalendarSpec calendar,
    String timeZone,
    Duration catchupWindow,
    Duration waitBudget,
    String pick,
    String description) {

  public static final String DR_DRILL = "dr-drill";
  public static final String BACKUP_VALIDATION = "backup-validation";
  public static final String READINESS = "readiness";

  /** The procedures a schedule may start. */
  public static final List<String> PROCEDURES = List.of(BACKUP_VALIDATION, DR_DRILL, READINESS);

  public static final String DEFAULT_TIME_ZONE = "UTC";

  public ScheduleSpec {
    services = services == null ? List.of() : List.copyOf(services);
  }

  public String timeZoneOrDefault() {
    return timeZone == null || timeZone.isBlank() ? DEFAULT_TIME_ZONE : timeZone;
  }
}
