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
 *     backup-validation} (the weekly backup test, exactly one service), {@code fleet-validation}
 *     (the weekly backup test of several services in one fleet run, each its own backup-validation
 *     child run: {@code all}, or catalog keys), {@code fleet-drill} (the DR drill of several
 *     services, each its own DR drill child run: {@code all}, or catalog keys) or {@code readiness}
 *     (the readiness evaluation: one service, or {@code all})
 * @param timeZone IANA zone the calendar is read in (default UTC)
 * @param catchupWindow how late a run missed during an outage may still start; one run, never one
 *     per miss
 * @param waitBudget optional: how long each restore may take (default: the service's RTO)
 * @param pick optional, backup-validation and fleet-validation only: {@code newest} (default) or
 *     {@code random}
 * @param description optional words for people, shown by {@code dr schedules list}
 * @param maxConcurrent optional, fleet-validation and fleet-drill only: child runs in flight at
 *     most (the fleet's default when absent; its input rules give the range)
 * @param maxPerRegion optional, fleet-validation and fleet-drill only: child runs in flight at most
 *     in one AWS region (at most maxConcurrent)
 */
public record ScheduleSpec(
    String procedure,
    List<String> services,
    CalendarSpec calendar,
    String timeZone,
    Duration catchupWindow,
    Duration waitBudget,
    String pick,
    String description,
    Integer maxConcurrent,
    Integer maxPerRegion) {

  public static final String DR_DRILL = "dr-drill";
  public static final String BACKUP_VALIDATION = "backup-validation";
  public static final String READINESS = "readiness";

  /**
   * The fleet backup validation's key (its procedure, {@code dev.drrunbooks.fleet.FleetValidation},
   * names it so too; a test holds them equal).
   */
  public static final String FLEET_VALIDATION = "fleet-validation";

  /** The fleet drill's key ({@code dev.drrunbooks.fleet.FleetDrill}). */
  public static final String FLEET_DRILL = "fleet-drill";

  /** The procedures a schedule may start. */
  public static final List<String> PROCEDURES =
      List.of(BACKUP_VALIDATION, DR_DRILL, FLEET_DRILL, FLEET_VALIDATION, READINESS);

  /** Whether it starts a fleet: child runs of {@code services} ({@code all}: every service). */
  public boolean fleet() {
    return FLEET_VALIDATION.equals(procedure) || FLEET_DRILL.equals(procedure);
  }

  public static final String DEFAULT_TIME_ZONE = "UTC";

  public ScheduleSpec {
    services = services == null ? List.of() : List.copyOf(services);
  }

  /**
   * The wait budget as the procedures' inputs read it back ({@link Durations#parse}): the short
   * form when it is one unit (90m), else ISO-8601 (PT1H30M, which the short form's 1h30m is not);
   * null when none.
   */
  public String waitBudgetText() {
    if (waitBudget == null) return null;
    String brief = Durations.format(waitBudget);
    try {
      if (Durations.parse(brief).equals(waitBudget)) return brief;
    } catch (IllegalArgumentException mixedUnits) {
      // 1h30m: written below as ISO-8601
    }
    return waitBudget.toString();
  }

  public String timeZoneOrDefault() {
    return timeZone == null || timeZone.isBlank() ? DEFAULT_TIME_ZONE : timeZone;
  }
}
