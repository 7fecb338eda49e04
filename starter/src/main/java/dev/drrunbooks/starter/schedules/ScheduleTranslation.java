package dev.drrunbooks.starter.schedules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drrunbooks.backupvalidation.BackupValidationInput;
import dev.drrunbooks.bootstrap.calendar.CalendarField;
import dev.drrunbooks.bootstrap.calendar.CalendarRange;
import dev.drrunbooks.catalog.CalendarSpec;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.ScheduleSpec;
import dev.drrunbooks.drill.DrDrillInput;
import dev.drrunbooks.fleet.FleetDrillInput;
import dev.drrunbooks.fleet.FleetValidationInput;
import dev.drrunbooks.model.SearchAttributes;
import dev.drrunbooks.readiness.ReadinessInput;
import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.runbook.RunSummary;
import dev.drrunbooks.runbook.Runbook;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleCalendarSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleRange;
import io.temporal.client.schedules.ScheduleState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog's schedules as Temporal Schedules: id {@code dr-<key>}, a start-workflow action on
 * the task queue with the input built from the entry, the calendar as Temporal's structured
 * calendar, overlap skip, the catalog's catch-up window, no pause on failure.
 *
 * <p>What marks a schedule as ours: its memo says {@code managedBy: dr-runbooks} (set at creation;
 * Temporal cannot change a schedule's memo afterwards). The fingerprint of the desired schedule
 * travels in the action's workflow memo, which an update does replace, so {@code apply} compares it
 * to decide whether anything changed. Runs the schedule starts carry it too, with the catalog key.
 */
public final class ScheduleTranslation {
  public static final String ID_PREFIX = "dr-";
  public static final String MANAGED_BY = "dr-runbooks";

  /** Schedule memo keys. */
  public static final String MEMO_MANAGED_BY = "managedBy";

  public static final String MEMO_CATALOG_KEY = "catalogKey";
  public static final String MEMO_ORGANISATION = "organisation";

  /** Action (started workflow) memo keys. */
  public static final String ACTION_MEMO_SCHEDULE = "drSchedule";

  public static final String ACTION_MEMO_FINGERPRINT = "drScheduleFingerprint";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ScheduleTranslation() {}

  public static String scheduleId(String key) {
    return ID_PREFIX + key;
  }

  /** The schedule the catalog entry {@code key} describes, starting runs on {@code taskQueue}. */
  public static DesiredSchedule desired(Catalog catalog, String key, String taskQueue) {
    ScheduleSpec entry = catalog.schedules().get(key);
    if (entry == null) {
      throw new IllegalArgumentException("schedule '" + key + "' is not in the catalog");
    }
    Procedure<?, ?> procedure =
        Runbook.ofKey(entry.procedure())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "schedule '"
                            + key
                            + "': no procedure '"
                            + entry.procedure()
                            + "'; allowed: "
                            + String.join(", ", ScheduleSpec.PROCEDURES)));
    String workflowType = procedure.workflowType();
    String service = String.join(",", entry.services());
    RunSummary summary =
        RunSummary.of(
            procedure,
            entry.procedure(),
            service,
            entry.services().size() == 1 && catalog.services().containsKey(service)
                ? catalog.services().get(service).objectives()
                : null);
    String idPrefix = entry.procedure() + "-" + String.join("-", entry.services());
    Object input = input(entry);
    io.temporal.client.schedules.ScheduleSpec spec = spec(entry);
    SchedulePolicy policy =
        SchedulePolicy.newBuilder()
            .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
            .setCatchupWindow(entry.catchupWindow())
            .setPauseOnFailure(false)
            .build();
    io.temporal.common.SearchAttributes attributes =
        SearchAttributes.atStart(entry.procedure(), service);

    String fingerprint =
        fingerprint(workflowType, taskQueue, idPrefix, input, entry, spec, policy, summary);
    Map<String, Object> actionMemo = new LinkedHashMap<>();
    actionMemo.put(ACTION_MEMO_SCHEDULE, key);
    actionMemo.put(ACTION_MEMO_FINGERPRINT, fingerprint);
    ScheduleActionStartWorkflow action =
        ScheduleActionStartWorkflow.newBuilder()
            .setWorkflowType(workflowType)
            .setArguments(input)
            .setOptions(
                summary
                    .on(WorkflowOptions.newBuilder())
                    .setWorkflowId(idPrefix)
                    .setTaskQueue(taskQueue)
                    .setTypedSearchAttributes(attributes)
                    .setMemo(actionMemo)
                    .build())
            .build();
    Schedule schedule =
        Schedule.newBuilder()
            .setAction(action)
            .setSpec(spec)
            .setPolicy(policy)
            .setState(
                ScheduleState.newBuilder()
                    .setPaused(false)
                    .setNote("declared in the catalog as " + key + "; made by dr schedules")
                    .build())
            .build();

    Map<String, Object> memo = new LinkedHashMap<>();
    memo.put(MEMO_MANAGED_BY, MANAGED_BY);
    memo.put(MEMO_CATALOG_KEY, key);
    memo.put(MEMO_ORGANISATION, catalog.organisation());
    ScheduleOptions options =
        ScheduleOptions.newBuilder()
            .setMemo(memo)
            .setTypedSearchAttributes(
                io.temporal.common.SearchAttributes.newBuilder()
                    .set(SearchAttributes.PROCEDURE, entry.procedure())
                    .set(SearchAttributes.SERVICE, service)
                    .build())
            .build();
    return new DesiredSchedule(
        key,
        scheduleId(key),
        entry.procedure(),
        service,
        workflowType,
        idPrefix,
        fingerprint,
        schedule,
        options);
  }

  /**
   * The workflow input an operator would type for this entry: {"services": ["inventory"]} or
   * {"service": ...}; a fleet validation's {"services": ["all"], "maxConcurrent": ...} is the one
   * the catalog validator checked with the fleet's rules ({@link FleetValidationInput#scheduled}).
   */
  public static Object input(ScheduleSpec entry) {
    // Written so the run reads it back: 90m as 1h30m would be refused by every procedure.
    String waitBudget = entry.waitBudgetText();
    return switch (entry.procedure()) {
      case ScheduleSpec.DR_DRILL -> new DrDrillInput(entry.services(), waitBudget);
      case ScheduleSpec.BACKUP_VALIDATION ->
          new BackupValidationInput(
              entry.services().get(0), entry.pick(), null, waitBudget, null, null);
      case ScheduleSpec.FLEET_VALIDATION -> FleetValidationInput.scheduled(entry);
      case ScheduleSpec.FLEET_DRILL -> FleetDrillInput.scheduled(entry);
      case ScheduleSpec.READINESS -> new ReadinessInput(entry.services().get(0));
      default ->
          throw new IllegalArgumentException(
              "no workflow for procedure '" + entry.procedure() + "'");
    };
  }

  /**
   * The catalog's calendar as Temporal's: every field set explicitly, in the catalog's time zone.
   */
  public static io.temporal.client.schedules.ScheduleSpec spec(ScheduleSpec entry) {
    return io.temporal.client.schedules.ScheduleSpec.newBuilder()
        .setCalendars(List.of(calendar(entry.calendar(), entry.description())))
        .setTimeZoneName(entry.timeZoneOrDefault())
        .build();
  }

  public static ScheduleCalendarSpec calendar(CalendarSpec calendar, String comment) {
    return ScheduleCalendarSpec.newBuilder()
        .setSeconds(ranges(calendar, CalendarField.SECOND))
        .setMinutes(ranges(calendar, CalendarField.MINUTE))
        .setHour(ranges(calendar, CalendarField.HOUR))
        .setDayOfMonth(ranges(calendar, CalendarField.DAY_OF_MONTH))
        .setMonth(ranges(calendar, CalendarField.MONTH))
        .setDayOfWeek(ranges(calendar, CalendarField.DAY_OF_WEEK))
        .setComment(comment == null ? "" : comment)
        .build();
  }

  private static List<ScheduleRange> ranges(CalendarSpec calendar, CalendarField field) {
    return field.ranges(calendar).stream().map(ScheduleTranslation::range).toList();
  }

  private static ScheduleRange range(CalendarRange r) {
    return new ScheduleRange(r.start(), r.end(), r.step());
  }

  /**
   * A hash of what the schedule does and when: a catalog change or another task queue changes it.
   */
  private static String fingerprint(
      String workflowType,
      String taskQueue,
      String idPrefix,
      Object input,
      ScheduleSpec entry,
      io.temporal.client.schedules.ScheduleSpec spec,
      SchedulePolicy policy,
      RunSummary summary) {
    Map<String, Object> canonical = new LinkedHashMap<>();
    canonical.put("v", 1);
    canonical.put("workflowType", workflowType);
    canonical.put("taskQueue", taskQueue);
    canonical.put("workflowId", idPrefix);
    canonical.put("input", input);
    canonical.put("procedure", entry.procedure());
    canonical.put("services", entry.services());
    Map<String, Object> calendar = new LinkedHashMap<>();
    for (CalendarField field : CalendarField.values()) {
      calendar.put(field.key(), field.ranges(entry.calendar()));
    }
    canonical.put("calendar", calendar);
    canonical.put("comment", entry.description());
    // A new summary text reaches existing schedules on the next apply.
    canonical.put("summary", summary.summary());
    canonical.put("details", summary.details());
    canonical.put("timeZone", spec.getTimeZoneName());
    canonical.put("catchupWindow", policy.getCatchupWindow().toString());
    canonical.put("overlap", policy.getOverlap().name());
    canonical.put("pauseOnFailure", policy.isPauseOnFailure());
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(JSON.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint schedule " + entry, e);
    }
  }
}
