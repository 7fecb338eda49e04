package dev.drrunbooks.incident;

import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.datarecovery.CorruptedDataRecovery;
import dev.drrunbooks.datarecovery.CorruptedDataRecoveryWorkflow;
import dev.drrunbooks.ecsrecovery.EcsServiceRecovery;
import dev.drrunbooks.ecsrecovery.EcsServiceRecoveryWorkflow;
import dev.drrunbooks.failover.DnsFailover;
import dev.drrunbooks.failover.DnsFailoverWorkflow;
import dev.drrunbooks.pitr.PointInTimeRestore;
import dev.drrunbooks.pitr.PointInTimeRestoreWorkflow;
import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.runbook.RunSummary;
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
        RunSummary.of(kind.procedure(), s.key(), s.spec().objectives())
            .on(ChildWorkflowOptions.newBuilder())
            .setWorkflowId(childId)
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
            .build();
    String incidentTime = detectedAt.toString();
    return switch (kind) {
      case FAILOVER -> {
        DnsFailoverWorkflow child = stub(DnsFailover.PROCEDURE, options);
        yield launched(child, Async.function(child::run, r.failoverInput(s.key(), incidentTime)));
      }
      case RESTORE -> {
        PointInTimeRestoreWorkflow child = stub(PointInTimeRestore.PROCEDURE, options);
        yield launched(child, Async.function(child::run, r.restoreInput(s.key(), incidentTime)));
      }
      case DATA -> {
        CorruptedDataRecoveryWorkflow child = stub(CorruptedDataRecovery.PROCEDURE, options);
        yield launched(child, Async.function(child::run, r.dataInput(s.key())));
      }
      case ECS -> {
        EcsServiceRecoveryWorkflow child = stub(EcsServiceRecovery.PROCEDURE, options);
        yield launched(child, Async.function(child::run, r.ecsInput(s.key())));
      }
    };
  }

  private static <W> W stub(Procedure<W, ?> procedure, ChildWorkflowOptions options) {
    return Workflow.newChildWorkflowStub(procedure.workflowInterface(), options);
  }

  private static Launched launched(Object childStub, Promise<?> result) {
    return new Launched(Workflow.getWorkflowExecution(childStub), result);
  }
}
