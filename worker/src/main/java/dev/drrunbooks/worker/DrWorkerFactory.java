package dev.drrunbooks.worker;

import dev.drrunbooks.approval.ApproverWorkerInterceptor;
import dev.drrunbooks.bootstrap.connect.DrClientOptions;
import dev.drrunbooks.runbook.RunNotificationInterceptor;
import dev.drrunbooks.runbook.RunOutcomeInterceptor;
import dev.drrunbooks.worker.account.AwsAccountInterceptor;
import dev.drrunbooks.worker.heartbeat.HeartbeatOnBehalfInterceptor;
import io.temporal.client.WorkflowClient;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.List;

/**
 * The worker factory WorkerMain and the end-to-end tests build workers from: the shared client
 * options and the worker interceptors every dr-runbooks worker runs with.
 */
public final class DrWorkerFactory {
  private DrWorkerFactory() {}

  public static WorkerFactory create(WorkflowServiceStubs service, String namespace) {
    WorkflowClient client =
        WorkflowClient.newInstance(service, DrClientOptions.forNamespace(namespace));
    return WorkerFactory.newInstance(
        client,
        WorkerFactoryOptions.newBuilder()
            .setWorkerInterceptors(interceptors().toArray(WorkerInterceptor[]::new))
            .build());
  }

  /**
   * Interceptors of every worker, outermost first: every activity heartbeats while it runs, so a
   * dead worker is noticed within the activity's heartbeat timeout ({@code ActivityDefaults});
   * every procedure run ends by upserting its outcome search attributes ({@link
   * RunOutcomeInterceptor}); gates, phase changes and ends are notified ({@link
   * RunNotificationInterceptor}); gates know who answers from the approver header ({@link
   * ApproverWorkerInterceptor}); activities act in their run's AWS account ({@link
   * AwsAccountInterceptor}).
   */
  static List<WorkerInterceptor> interceptors() {
    return List.of(
        new HeartbeatOnBehalfInterceptor(),
        new RunOutcomeInterceptor(),
        new RunNotificationInterceptor(),
        new ApproverWorkerInterceptor(),
        new AwsAccountInterceptor());
  }
}
