package dev.drrunbooks.starter.schedules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drrunbooks.starter.JsonOption;
import dev.drrunbooks.starter.schedules.ScheduleManager.Listed;
import dev.drrunbooks.starter.schedules.ScheduleManager.Standing;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionExecution;
import io.temporal.client.schedules.ScheduleActionExecutionStartWorkflow;
import io.temporal.client.schedules.ScheduleActionResult;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleCalendarSpec;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleInfo;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleRange;
import io.temporal.client.schedules.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One schedule as {@code dr schedules list --json} prints it, one object per line. A schedule the
 * catalog declares but the server does not hold ({@code onServer} false, standing NOT_CREATED)
 * shows what apply would create; what only the server knows ({@code paused}, {@code note}, the
 * counts) is then null and the lists are empty.
 *
 * @param id the schedule id (dr-monthly-dr-drill)
 * @param key the catalog key (monthly-dr-drill), or null when the catalog does not declare it
 * @param standing how it stands against the catalog: what the next apply does to it
 * @param relation the same in words, as {@code list} prints it after "catalog"
 * @param workflowType what it starts (DrDrill, BackupValidation); null when its action is not a
 *     workflow
 * @param workflowIdPrefix the started run's id before the time Temporal appends
 * @param input the workflow's input as JSON; null when it has none or it cannot be read
 * @param when the spec in words ("10:00 UTC on the first Monday of every month")
 * @param spec the spec itself: calendars, intervals, cron expressions, time zone
 * @param overlap Temporal's overlap policy, lower case without its prefix (skip)
 * @param nextRunTimes when it runs next (while paused: once unpaused), as many as the server says
 * @param recentActions the runs it started most recently, oldest first, as many as the server keeps
 * @param runningActions its runs still running
 */
public record ScheduleRow(
    String id,
    String key,
    boolean onServer,
    Standing standing,
    String relation,
    String workflowType,
    String workflowIdPrefix,
    String taskQueue,
    JsonNode input,
    String when,
    Spec spec,
    Duration catchupWindow,
    String overlap,
    Boolean paused,
    String note,
    List<Instant> nextRunTimes,
    List<Action> recentActions,
    List<Action> runningActions,
    Long numActions,
    Long numActionsSkippedOverlap,
    Long numActionsMissedCatchupWindow) {

  /**
   * A schedule's times. Each calendar field is in the catalog's grammar: a number, a range {@code
   * 1-7}, {@code *} for every value, a step after a slash ({@code 10-50/20}, or a star and a slash:
   * every fifth second), ranges joined by commas (days of the week 0-6, 0 Sunday); null when unset
   * (Temporal's default: 0 for second, minute and hour, every value for the others).
   *
   * @param timeZone the IANA time zone; UTC when the schedule names none
   */
  public record Spec(
      String timeZone,
      List<Calendar> calendars,
      List<Interval> intervals,
      List<String> cronExpressions) {}

  public record Calendar(
      String second,
      String minute,
      String hour,
      String dayOfMonth,
      String month,
      String dayOfWeek,
      String comment) {}

  public record Interval(Duration every, Duration offset) {}

  /**
   * A run the schedule started.
   *
   * @param scheduledAt null for a run still running (the server says only which run it is)
   * @param startedAt null for a run still running
   */
  public record Action(String workflowId, String runId, Instant scheduledAt, Instant startedAt) {}

  /** The row of a listed schedule; {@code desired} is what the catalog declares, or null. */
  public static ScheduleRow of(Listed l, DesiredSchedule desired) {
    if (l.description().isEmpty()) {
      Schedule s = desired.schedule();
      return row(l, s, false, null, null, null);
    }
    ScheduleDescription d = l.description().get();
    var state = d.getSchedule().getState();
    return row(
        l,
        d.getSchedule(),
        true,
        state != null && state.isPaused(),
        state == null || state.getNote() == null || state.getNote().isBlank()
            ? null
            : state.getNote(),
        d.getInfo());
  }

  private static ScheduleRow row(
      Listed l, Schedule s, boolean onServer, Boolean paused, String note, ScheduleInfo info) {
    ScheduleActionStartWorkflow a =
        s.getAction() instanceof ScheduleActionStartWorkflow w ? w : null;
    SchedulePolicy policy = s.getPolicy();
    return new ScheduleRow(
        l.id(),
        l.key(),
        onServer,
        l.standing(),
        l.relation(),
        a == null ? null : a.getWorkflowType(),
        a == null || a.getOptions() == null ? null : a.getOptions().getWorkflowId(),
        a == null || a.getOptions() == null ? null : a.getOptions().getTaskQueue(),
        a == null ? null : input(a),
        s.getSpec() == null ? null : ScheduleWords.of(s.getSpec()),
        s.getSpec() == null ? null : spec(s.getSpec()),
        policy == null ? null : policy.getCatchupWindow(),
        policy == null || policy.getOverlap() == null
            ? null
            : policy.getOverlap().name().replace("SCHEDULE_OVERLAP_POLICY_", "").toLowerCase(),
        paused,
        note,
        info == null ? List.of() : orEmpty(info.getNextActionTimes()),
        info == null
            ? List.of()
            : orEmpty(info.getRecentActions()).stream().map(ScheduleRow::recent).toList(),
        info == null
            ? List.of()
            : orEmpty(info.getRunningActions()).stream().map(ScheduleRow::running).toList(),
        info == null ? null : info.getNumActions(),
        info == null ? null : info.getNumActionsSkippedOverlap(),
        info == null ? null : info.getNumActionsMissedCatchupWindow());
  }

  /** The workflow's input as JSON; null when it has none or it cannot be read as JSON. */
  static JsonNode input(ScheduleActionStartWorkflow a) {
    if (a.getArguments() == null || a.getArguments().getSize() == 0) return null;
    JsonNode node;
    try {
      // a described schedule's input: a payload, read as JSON
      node = a.getArguments().get(0, JsonNode.class);
    } catch (RuntimeException notAPayload) {
      try {
        // a schedule built here (the catalog's, not yet created): the input record itself
        node = JsonOption.MAPPER.valueToTree(a.getArguments().get(0, Object.class));
      } catch (RuntimeException e) {
        return null;
      }
    }
    return node == null || node.isNull() ? null : node;
  }

  static Spec spec(ScheduleSpec spec) {
    return new Spec(
        spec.getTimeZoneName() == null || spec.getTimeZoneName().isBlank()
            ? "UTC"
            : spec.getTimeZoneName(),
        orEmpty(spec.getCalendars()).stream().map(ScheduleRow::calendar).toList(),
        orEmpty(spec.getIntervals()).stream()
            .map(i -> new Interval(i.getEvery(), i.getOffset()))
            .toList(),
        orEmpty(spec.getCronExpressions()));
  }

  static Calendar calendar(ScheduleCalendarSpec c) {
    return new Calendar(
        field(c.getSeconds(), 0, 59),
        field(c.getMinutes(), 0, 59),
        field(c.getHour(), 0, 23),
        field(c.getDayOfMonth(), 1, 31),
        field(c.getMonth(), 1, 12),
        field(c.getDayOfWeek(), 0, 6),
        c.getComment() == null || c.getComment().isBlank() ? null : c.getComment());
  }

  /**
   * {@code 10}, {@code 1-7}, {@code *}, {@code 10-50/20}, a star and a slash and a step; by commas.
   */
  static String field(List<ScheduleRange> ranges, int min, int max) {
    if (ranges == null || ranges.isEmpty()) return null;
    return ranges.stream()
        .map(
            r -> {
              // Temporal reads an end before the start as the start, a step of 0 as 1
              int start = r.getStart();
              int end = Math.max(start, r.getEnd());
              int step = Math.max(1, r.getStep());
              String base =
                  start == min && end == max
                      ? "*"
                      : start == end ? Integer.toString(start) : start + "-" + end;
              return step > 1 && end > start ? base + "/" + step : base;
            })
        .collect(Collectors.joining(","));
  }

  private static Action recent(ScheduleActionResult r) {
    Action run = running(r.getAction());
    return new Action(run.workflowId(), run.runId(), r.getScheduledAt(), r.getStartedAt());
  }

  private static Action running(ScheduleActionExecution e) {
    return e instanceof ScheduleActionExecutionStartWorkflow w
        ? new Action(w.getWorkflowId(), w.getFirstExecutionRunId(), null, null)
        : new Action(null, null, null, null);
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
