package dev.drrunbooks.ecsrecovery;

import dev.drrunbooks.activities.ecs.EcsServiceState;
import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.model.TimelineEntry;
import java.util.List;

/**
 * The service before and after, the task definition it now runs, and how long it took against the
 * RTO.
 */
public record EcsRecoveryResult(
    String service,
    String region,
    String cluster,
    String taskDefinitionArn,
    EcsServiceState before,
    EcsServiceState after,
    ObjectiveCheck rto,
    List<TimelineEntry> timeline,
    String summary) {}
