package dev.drrunbooks.worker;

import dev.drrunbooks.approval.ApproverWorkerInterceptor;
import dev.drrunbooks.bootstrap.codec.PayloadEncryption;
import dev.drrunbooks.bootstrap.connect.DrClientOptions;
import dev.drrunbooks.ops.Tracing;
import dev.drrunbooks.runbook.RunLedgerInterceptor;
import dev.drrunbooks.runbook.RunMetricsInterceptor;
import dev.drrunbooks.runbook.RunNotificationInterceptor;
import dev.drrunbooks.runbook.RunOutcomeInterceptor;
import dev.drrunbooks.worker.account.AwsAccountInterceptor;
import dev.drrunbooks.worker.heartbeat.HeartbeatOnBehalfInterceptor;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker factory WorkerMain and the end-to-end tests build workers from: the shared client
 * options and the worker interceptors every dr-runbooks worker runs with.
 */
public final class DrWorkerFactory {
  private DrWorkerFactory() {}

  /** With this process's payload encryption ({@link PayloadEncryption#process()}), untraced. */
  public static WorkerFactory create(WorkflowServiceStubs service, String namespace) {
    return create(service, namespace, Tracing.off(), PayloadEncryption.process());
  }

  /** As {@link #create(WorkflowServiceStubs, String)}, traced when {@code tracing} is on. */
  public static WorkerFactory create(
      WorkflowServiceStubs service, String namespace, Tracing tracing) {
    return create(service, namespace, tracing, PayloadEncryption.process());
  }

  /** As {@link #create(WorkflowServiceStubs, String)}, with {@code encryption}'s payload codec. */
  public static WorkerFactory create(
      WorkflowServiceStubs service, String namespace, PayloadEncryption encryption) {
    return create(service, namespace, Tracing.off(), encryption);
  }

  /** With the SDK's default cache and thread pool (in-process workers of tests). */
  public static WorkerFactory create(
      WorkflowServiceStubs service,
      String namespace,
      Tracing tracing,
      PayloadEncryption encryption) {
    return create(service, namespace, tracing, encryption, null);
  }

  /**
   * As {@link #create(WorkflowServiceStubs, String, Tracing, PayloadEncryption)}, with {@code
   * tuning}'s workflow cache and workflow thread pool (null: the SDK's); its slots and pollers are
   * per worker ({@link WorkerTuning#workerOptions()}).
   */
  public static WorkerFactory create(
      WorkflowServiceStubs service,
      String namespace,
      Tracing tracing,
      PayloadEncryption encryption,
      WorkerTuning tuning) {
    WorkerFactoryOptions options = options(tracing, encryption.dataConverter());
    if (tuning != null) options = tuning.applyTo(options.toBuilder()).build();
    return WorkerFactory.newInstance(
        WorkflowClient.newInstance(service, clientOptions(namespace, tracing, encryption)),
        options);
  }

  /** The shared client options, with the tracing client interceptor when tracing is on. */
  static WorkflowClientOptions clientOptions(String namespace, Tracing tracing) {
    return clientOptions(namespace, tracing, PayloadEncryption.process());
  }

  static WorkflowClientOptions clientOptions(
      String namespace, Tracing tracing, PayloadEncryption encryption) {
    return DrClientOptions.forNamespace(namespace, encryption).toBuilder()
        .setInterceptors(tracing.clientInterceptors().toArray(WorkflowClientInterceptor[]::new))
        .build();
  }

  /** The factory's interceptors: tracing's outermost (its spans cover the others), when on. */
  static WorkerFactoryOptions options(Tracing tracing) {
    return options(tracing, PayloadEncryption.process().dataConverter());
  }

  static WorkerFactoryOptions options(Tracing tracing, DataConverter converter) {
    List<WorkerInterceptor> all = new ArrayList<>(tracing.workerInterceptors());
    all.addAll(interceptors(converter));
    return WorkerFactoryOptions.newBuilder()
        .setWorkerInterceptors(all.toArray(WorkerInterceptor[]::new))
        .build();
  }

  /**
   * Interceptors of every worker, outermost first: every activity heartbeats while it runs, so a
   * dead worker is noticed within the activity's heartbeat timeout ({@code ActivityDefaults});
   * every procedure run ends by upserting its outcome search attributes ({@link
   * RunOutcomeInterceptor}) and sending its end to the evidence ledger ({@link
   * RunLedgerInterceptor}); runs are counted and their objectives reported as metrics ({@link
   * RunMetricsInterceptor}); gates, phase changes and ends are notified ({@link
   * RunNotificationInterceptor}); gates know who answers from the approver header ({@link
   * ApproverWorkerInterceptor}, reading it with the client's {@code converter}); activities act in
   * their run's AWS account ({@link AwsAccountInterceptor}).
   */
  static List<WorkerInterceptor> interceptors() {
    return interceptors(PayloadEncryption.process().dataConverter());
  }

  static List<WorkerInterceptor> interceptors(DataConverter converter) {
    return List.of(
        new HeartbeatOnBehalfInterceptor(),
        new RunOutcomeInterceptor(),
        new RunLedgerInterceptor(),
        new RunMetricsInterceptor(),
        new RunNotificationInterceptor(),
        new ApproverWorkerInterceptor(converter),
        new AwsAccountInterceptor());
  }
}
