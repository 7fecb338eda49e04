package dev.drrunbooks.approval;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverterException;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.interceptors.Header;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.workflow.WorkflowLocal;
import java.util.function.Supplier;

/**
 * Worker side of {@link Approver}: while a run handles a signal, or validates or executes an
 * update, {@link #current()} is the approver its header names ({@link Approver#UNVERIFIED} without
 * one). Gates read it; handlers never block, so the value cannot leak into another call. Installed
 * by every worker, the time-skipping tests and the replay test.
 */
public final class ApproverWorkerInterceptor extends WorkerInterceptorBase {
  private static final WorkflowLocal<Approver> CURRENT =
      WorkflowLocal.withCachedInitial(() -> Approver.UNVERIFIED);

  /** The approver of the signal or update being handled; UNVERIFIED outside one. */
  public static Approver current() {
    return CURRENT.get();
  }

  /** The header's approver; UNVERIFIED when absent or unreadable (never fails the handler). */
  static Approver of(Header header) {
    Payload p = header == null ? null : header.getValues().get(Approver.HEADER);
    if (p == null) return Approver.UNVERIFIED;
    try {
      Approver a =
          DefaultDataConverter.STANDARD_INSTANCE.fromPayload(p, Approver.class, Approver.class);
      return a != null && a.verified() ? a : Approver.UNVERIFIED;
    } catch (DataConverterException e) {
      return Approver.UNVERIFIED;
    }
  }

  private static <T> T as(Header header, Supplier<T> handler) {
    CURRENT.set(of(header));
    try {
      return handler.get();
    } finally {
      CURRENT.set(Approver.UNVERIFIED);
    }
  }

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public void handleSignal(SignalInput input) {
        as(
            input.getHeader(),
            () -> {
              super.handleSignal(input);
              return null;
            });
      }

      @Override
      public void validateUpdate(UpdateInput input) {
        as(
            input.getHeader(),
            () -> {
              super.validateUpdate(input);
              return null;
            });
      }

      @Override
      public UpdateOutput executeUpdate(UpdateInput input) {
        return as(input.getHeader(), () -> super.executeUpdate(input));
      }
    };
  }
}
