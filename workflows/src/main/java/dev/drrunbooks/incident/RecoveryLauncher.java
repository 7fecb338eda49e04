package dev.drrunbooks.incident;

import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.datarecovery.CorruptedDataRecoveryInput;
import dev.drrunbooks.datarecovery.CorruptedDataRecoveryWorkflow;
import dev.drrunbooks.ecsrecovery.EcsRecoveryInput;
import dev.drrunbooks.ecsrecovery.EcsServiceRecoveryWorkflow;
import dev.drrunbooks.failover.Direction;
import dev.drrunbooks.failover.DnsFailoverInput;
import dev.drrunbooks.failover.DnsFailoverWorkflow;
import dev.drrunbooks.pitr.PointInTimeRestoreInput;
import dev.drrunbooks.pitr.PointInTimeRestoreWorkflow;
import dev.drrunbooks.runbook.Procedure;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Instant;

/**
 * Starts a recovery procedure as a child of the incident: the one place that maps a {@link
 * RecoveryKind} to the child's input; the child's workflow comes from the registry ({@link
 * RecoveryKind#procedure()}). Children are abandoned when the incident closes, so resolving (by
 * force) never cuts a switch or a restore off halfway. Workflow code only.
 */
final class RecoveryLauncher {

  /**
   * @param execution completes once the child started (fails when it could not: e.g. its id is
   *     taken)
   * @param result the child's result (DnsFailoverResult, PointInTimeRestoreResult, ...) or its
   *     failure
   */
  record Launched(Promise<WorkflowExecution> execution, Promise<?> result) {}

  /**
   * @param detectedAt the incident's detection time: a failover's and a restore's incident time
   *     (their RTO clock)
   */
  Launched start(
      String childId,
      RecoveryKind kind,
      ServiceDefinition s,
      RecoveryRequest r,
      Instant detectedAt) {
    ChildWorkflowOptions options =
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(childId)
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
            .build();
    return switch (kind) {
      case FAILOVER -> {
        DnsFailoverWorkflow child =
            Workflow.newChildWorkflowStub(Procedure.DNS_FAILOVER.workflowInterface(), options);
        yield launched(
            child,
            Async.function(
                child::run,
                new DnsFailoverInput(
                    s.key(),
                    Direction.FAILOVER,
                    r.force(),
                    null,
                    r.requireApproval(),
                    null,
                    null,
                    r.stages(),
                    null,
                    detectedAt.toString(),
                    null,
                    null)));
      }
      case RESTORE -> {
        PointInTimeRestoreWorkflow child =
            Workflow.newChildWorkflowStub(Procedure.PITR.workflowInterface(), options);
        yield launched(
            child,
            Async.function(
                child::run,
                new PointInTimeRestoreInput(
                    s.key(),
                    null,
                    r.restoreTime(),
                    r.targetInstance(),
                    detectedAt.toString(),
                    null,
                    null,
                    null,
                    null)));
      }
      case DATA -> {
        CorruptedDataRecoveryWorkflow child =
            Workflow.newChildWorkflowStub(Procedure.DATA_RECOVERY.workflowInterface(), options);
        yield launched(
            child,
            Async.function(
                child::run,
                new CorruptedDataRecoveryInput(
                    s.key(), r.corruptionTimeOrLegacy(), null, null, null)));
      }
      case ECS -> {
        EcsServiceRecoveryWorkflow child =
            Workflow.newChildWorkflowStub(Procedure.ECS_RECOVERY.workflowInterface(), options);
        yield launched(
            child,
            Async.function(
                child::run,
                new EcsRecoveryInput(
                    s.key(), r.region(), null, r.taskDefinition(), r.desiredCount(), null)));
      }
    };
  }

  private static Launched launched(Object childStub, Promise<?> result) {
    return new Launched(Workflow.getWorkflowExecution(childStub), result);
  }
}
