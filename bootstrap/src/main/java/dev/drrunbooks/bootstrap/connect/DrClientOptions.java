package dev.drrunbooks.bootstrap.connect;

import dev.drrunbooks.approval.Approver;
import dev.drrunbooks.approval.ApproverClientInterceptor;
import dev.drrunbooks.bootstrap.codec.PayloadEncryption;
import dev.drrunbooks.payload.DrDataConverter;
import io.temporal.client.WorkflowClientOptions;

/**
 * The client options every dr-runbooks client uses (worker, starter, gateway, tests), so all of
 * them read and write payloads the same way: {@link DrDataConverter}, wrapped in the payload
 * encryption codec when the environment switches it on ({@link PayloadEncryption}).
 */
public final class DrClientOptions {
  private DrClientOptions() {}

  /** With this process's payload encryption ({@link PayloadEncryption#process()}). */
  public static WorkflowClientOptions forNamespace(String namespace) {
    return forNamespace(namespace, PayloadEncryption.process());
  }

  public static WorkflowClientOptions forNamespace(String namespace, PayloadEncryption encryption) {
    return WorkflowClientOptions.newBuilder()
        .setNamespace(namespace)
        .setDataConverter(encryption.dataConverter())
        .build();
  }

  /**
   * As {@link #forNamespace(String)}, for a client that answers gates as {@code approver}: its
   * signals and updates carry the approver header, and its Temporal client identity (recorded in
   * the run's history with each signal and update) names the approver too.
   */
  public static WorkflowClientOptions answeringAs(String namespace, Approver approver) {
    return answeringAs(forNamespace(namespace), approver);
  }

  /**
   * {@code base} answering as {@code approver}: the approver header is written with the base's data
   * converter, so it is encrypted when payloads are. The client identity is recorded in clear in
   * the history (it is no payload): it names the approver only while payloads are plain.
   */
  public static WorkflowClientOptions answeringAs(WorkflowClientOptions base, Approver approver) {
    WorkflowClientOptions.Builder b =
        base.toBuilder()
            .setInterceptors(new ApproverClientInterceptor(approver, base.getDataConverter()));
    if (base.getDataConverter() == DrDataConverter.get())
      b.setIdentity(approver.identity() + " (" + approver.channel() + ")");
    return b.build();
  }
}
