package dev.drrunbooks.approval;

import io.temporal.api.common.v1.Payload;
import io.temporal.client.WorkflowUpdateHandle;
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
 */
public final class ApproverClientInterceptor extends WorkflowClientInterceptorBase {
  private final Approver approver;

  public ApproverClientInterceptor(Approver approver) {
    if (approver == null || !approver.verified())
      throw new IllegalArgumentException("an approver header needs an identity, got " + approver);
    this.approver = approver;
  }

  /** The header payload, as {@link ApproverWorkerInterceptor} reads it. */
  static Payload payload(Approver approver) {
    return DefaultDataConverter.STANDARD_INSTANCE.toPayload(approver).orElseThrow();
  }

  private Header with(Header header) {
    Map<String, Payload> values = new HashMap<>(header.getValues());
    values.put(Approver.HEADER, payload(approver));
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
