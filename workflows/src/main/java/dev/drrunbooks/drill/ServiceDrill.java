package dev.drrunbooks.drill;

import dev.drrunbooks.activities.http.ProbeReport;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.model.RecoveryObjectives;
import dev.drrunbooks.model.TimelineEntry;
import java.util.List;

/**
 * One service's drill: each step's timing and outcome, the evidence, RTO and RPO achieved, pass or
 * fail.
 */
public record ServiceDrill(
    String service,
    List<TimelineEntry> steps,
    String snapshotId,
    ValidationReport validation,
    ProbeReport smoke,
    RecoveryObjectives objectives,
    boolean passed,
    String failure) {}
