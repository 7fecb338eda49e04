package dev.drrunbooks.worker;

import dev.drrunbooks.approval.ApproverWorkerInterceptor;
import dev.drrunbooks.bootstrap.codec.PayloadEncryption;
import dev.drrunbooks.bootstrap.connect.DrClientOptions;
import dev.drrunbooks.runbook.RunNotificationInterceptor;
import dev.drrunbooks.runbook.RunOutcomeInterceptor;
import dev.drrunbooks.worker.heartbeat.HeartbeatOnBehalfInterceptor;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
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

  /** With this process's payload encryption ({@link PayloadEncryption#process()}). */
  public static WorkerFactory create(WorkflowServiceStubs service, String namespace) {
    return create(service, namespace, PayloadEncryption.process());
  }

  public static WorkerFactory create(
      WorkflowServiceStubs service, String namespace, PayloadEncryption encryption) {
    WorkflowClient client =
        WorkflowClient.newInstance(service, DrClientOptions.forNamespace(namespace, encryption));
    return WorkerFactory.newInstance(
        client,
        WorkerFactoryOptions.newBuilder()
            .setWorkerInterceptors(
                interceptors(encryption.dataConverter()).toArray(WorkerInterceptor[]::new))
            .build());
  }

  /**
   * Interceptors of every worker, outermost first: every activity heartbeats while it runs, so a
   * dead worker is noticed within the activity's heartbeat timeout ({@code ActivityDefaults});
   * every procedure run ends by upserting its outcome search attributes ({@link
   * RunOutcomeInterceptor}); gates, phase changes and ends are notified ({@link
   * RunNotificationInterceptor}); gates know who answers from the approver header ({@link
   * ApproverWorkerInterceptor}, reading it with the client's {@code converter}).
   */
  static List<WorkerInterceptor> interceptors(DataConverter converter) {
    return List.of(
        new HeartbeatOnBehalfInterceptor(),
        new RunOutcomeInterceptor(),
        new RunNotificationInterceptor(),
        new ApproverWorkerInterceptor(converter));
  }
}
