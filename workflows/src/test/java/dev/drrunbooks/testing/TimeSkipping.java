package dev.drrunbooks.testing;

import com.uber.m3.tally.Scope;
import dev.drrunbooks.approval.ApproverWorkerInterceptor;
import dev.drrunbooks.evidence.RecordRunEvidenceWorkflowImpl;
import dev.drrunbooks.lock.ResourceLockWorkflowImpl;
import dev.drrunbooks.model.SearchAttributes;
import dev.drrunbooks.payload.DrDataConverter;
import dev.drrunbooks.payload.DrWorkflowOptions;
import dev.drrunbooks.runbook.RunLedgerInterceptor;
import dev.drrunbooks.runbook.RunMetricsInterceptor;
import dev.drrunbooks.runbook.RunNotificationInterceptor;
import dev.drrunbooks.runbook.RunOutcomeInterceptor;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The time-skipping test environment as workers run: the search attributes every run sets, the
 * shared data converter and workflow options, and the lock workflow the procedures take.
 */
public final class TimeSkipping {
  private TimeSkipping() {}

  /** Not started: register activities on the injected Worker, then call env.start(). */
  public static TestWorkflowExtension extension(Class<?>... workflowImplementations) {
    return extension(List.of(), workflowImplementations);
  }

  /**
   * As {@link #extension}, with the worker's outbound notifications on: register a {@code
   * NotificationActivities} too.
   */
  public static TestWorkflowExtension notifying(Class<?>... workflowImplementations) {
    return extension(List.of(new RunNotificationInterceptor()), workflowImplementations);
  }

  /**
   * As {@link #extension}, with every procedure run's end sent to the evidence ledger, as the
   * worker does: register a {@code LedgerActivities} too.
   */
  public static TestWorkflowExtension ledgered(Class<?>... workflowImplementations) {
    Class<?>[] all = Arrays.copyOf(workflowImplementations, workflowImplementations.length + 1);
    all[workflowImplementations.length] = RecordRunEvidenceWorkflowImpl.class;
    return extension(List.of(new RunLedgerInterceptor()), all);
  }

  /**
   * As {@link #extension}, with the workers' metrics reported to {@code metrics} (the SDK's and
   * {@link dev.drrunbooks.model.RunMetrics}).
   */
  public static TestWorkflowExtension metered(Scope metrics, Class<?>... workflowImplementations) {
    return extension(List.of(), metrics, workflowImplementations);
  }

  private static TestWorkflowExtension extension(
      List<WorkerInterceptor> extra, Class<?>... workflowImplementations) {
    return extension(extra, null, workflowImplementations);
  }

  private static TestWorkflowExtension extension(
      List<WorkerInterceptor> extra, Scope metrics, Class<?>... workflowImplementations) {
    List<WorkerInterceptor> interceptors = new ArrayList<>();
    interceptors.add(new RunOutcomeInterceptor());
    interceptors.add(new RunMetricsInterceptor());
    interceptors.addAll(extra);
    interceptors.add(new ApproverWorkerInterceptor());
    Class<?>[] all =
        Stream.concat(
                Arrays.stream(workflowImplementations), Stream.of(ResourceLockWorkflowImpl.class))
            .distinct()
            .toArray(Class<?>[]::new);
    TestWorkflowExtension.Builder builder = TestWorkflowExtension.newBuilder();
    for (SearchAttributeKey<?> key : SearchAttributes.ALL)
      builder.registerSearchAttribute(key.getName(), key.getValueType());
    if (metrics != null) builder.setMetricsScope(metrics);
    return builder
        // As DrClientOptions in bootstrap (which depends on this module): the workers' data
        // converter.
        .setWorkflowClientOptions(
            WorkflowClientOptions.newBuilder()
                .setNamespace("UnitTest")
                .setDataConverter(DrDataConverter.get())
                .build())
        // As DrWorkerFactory's: every procedure run ends by upserting its outcome; gates read the
        // approver header.
        .setWorkerFactoryOptions(
            WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(interceptors.toArray(WorkerInterceptor[]::new))
                .build())
        .registerWorkflowImplementationTypes(DrWorkflowOptions.get(), all)
        .setDoNotStart(true)
        .build();
  }
}
