package dev.drrunbooks.approval;

import io.temporal.api.common.v1.Payload;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.interceptors.Header;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowClientInterceptorBase;
import java.util.HashMap;
import java.util.Map;

/**
 * Client side of {@link Approver}: every signal and update a client sends carries its approver in
 * the {@link Approver#HEADER} header. One client per identity (a WorkflowClient is cheap over
 * shared service stubs): the CLI has one operator, the gateway makes one per verified requester.
 * The header is written with the client's data converter, so it is encrypted when the client's
 * payloads are (the SDK passes headers on as they are).
 */
public final class ApproverClientInterceptor extends WorkflowClientInterceptorBase {
  private final Approver approver;
  private final DataConverter converter;

  public ApproverClientInterceptor(Approver approver) {
    this(approver, DefaultDataConverter.STANDARD_INSTANCE);
  }

  /**
   * @param converter the client's data converter (with its codec), which writes the header
   */
  public ApproverClientInterceptor(Approver approver, DataConverter converter) {
    if (approver == null || !approver.verified())
      throw new IllegalArgumentException("an approver header needs an identity, got " + approver);
    this.approver = approver;
    this.converter = converter;
  }

  /** The header payload, as {@link ApproverWorkerInterceptor} reads it. */
  static Payload payload(Approver approver) {
    return payload(approver, DefaultDataConverter.STANDARD_INSTANCE);
  }

  static Payload payload(Approver approver, DataConverter converter) {
    return converter.toPayload(approver).orElseThrow();
  }

  private Header with(Header header) {
    Map<String, Payload> values = new HashMap<>(header.getValues());
    values.put(Approver.HEADER, payload(approver, converter));
    return new Header(values);
  }

  @Override
  public WorkflowClientCallsInterceptor workflowClientCallsInterceptor(
      WorkflowClientCallsInterceptor next) {
    return new WorkflowClientCallsInterceptorBase(next) {
      @Override
      public WorkflowSignalOutput signal(WorkflowSignalInput input) {
        return super.signal(
            new WorkflowSignalInput(
                input.getWorkflowExecution(),
                input.getSignalName(),
                with(input.getHeader()),
                input.getArguments()));
      }

      @Override
      public <R> WorkflowUpdateHandle<R> startUpdate(StartUpdateInput<R> input) {
        return super.startUpdate(
            new StartUpdateInput<>(
                input.getWorkflowExecution(),
                input.getWorkflowType(),
                input.getUpdateName(),
                with(input.getHeader()),
                input.getUpdateId(),
                input.getArguments(),
                input.getResultClass(),
                input.getResultType(),
                input.getFirstExecutionRunId(),
                input.getWaitPolicy()));
      }
    };
  }
}
