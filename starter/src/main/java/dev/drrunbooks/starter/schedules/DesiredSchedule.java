package dev.drrunbooks.starter.schedules;

import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleOptions;

/**
 * A catalog entry as the Temporal Schedule it should be.
 *
 * @param key the catalog key (monthly-dr-drill)
 * @param id the schedule id (dr-monthly-dr-drill)
 * @param workflowType DrDrill or BackupValidation
 * @param workflowIdPrefix the started run's id before the time Temporal appends
 *     (dr-drill-inventory)
 * @param fingerprint a hash of everything that defines the schedule; equal fingerprints, nothing to
 *     update
 * @param schedule the schedule to create or update to (unpaused)
 * @param options the memo (the dr-runbooks marker) and search attributes to create it with
 */
public record DesiredSchedule(
    String key,
    String id,
    String procedure,
    String service,
    String workflowType,
    String workflowIdPrefix,
    String fingerprint,
    Schedule schedule,
    ScheduleOptions options) {}
