package dev.drrunbooks.bootstrap.connect;

import dev.drrunbooks.approval.Approver;
import dev.drrunbooks.approval.ApproverClientInterceptor;
import dev.drrunbooks.payload.DrDataConverter;
import io.temporal.client.WorkflowClientOptions;

/**
 * The client options every dr-runbooks client uses (worker, starter, tests), so all of them read
 * and write payloads the same way: {@link DrDataConverter}.
 */
public final class DrClientOptions {
  private DrClientOptions() {}

  public static WorkflowClientOptions forNamespace(String namespace) {
    return WorkflowClientOptions.newBuilder()
        .setNamespace(namespace)
        .setDataConverter(DrDataConverter.get())
        .build();
  }

  /**
   * As {@link #forNamespace}, for a client that answers gates as {@code approver}: its signals and
   * updates carry the approver header, and its Temporal client identity (recorded in the run's
   * history with each signal and update) names the approver too.
   */
  public static WorkflowClientOptions answeringAs(String namespace, Approver approver) {
    return forNamespace(namespace).toBuilder()
        .setIdentity(approver.identity() + " (" + approver.channel() + ")")
        .setInterceptors(new ApproverClientInterceptor(approver))
        .build();
  }
}
