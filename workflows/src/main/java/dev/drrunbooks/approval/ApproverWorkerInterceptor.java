package dev.drrunbooks.approval;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DataConverterException;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.interceptors.Header;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.payload.codec.PayloadCodecException;
import io.temporal.workflow.WorkflowLocal;
import java.util.function.Supplier;

/**
 * Worker side of {@link Approver}: while a run handles a signal, or validates or executes an
 * update, {@link #current()} is the approver its header names ({@link Approver#UNVERIFIED} without
 * one). Gates read it; handlers never block, so the value cannot leak into another call. Installed
 * by every worker, the time-skipping tests and the replay test. The header is read with the
 * worker's data converter, which decrypts an encrypted one and reads a plain one as it is.
 */
public final class ApproverWorkerInterceptor extends WorkerInterceptorBase {
  private static final WorkflowLocal<Approver> CURRENT =
      WorkflowLocal.withCachedInitial(() -> Approver.UNVERIFIED);

  private final DataConverter converter;

  public ApproverWorkerInterceptor() {
    this(DefaultDataConverter.STANDARD_INSTANCE);
  }

  /**
   * @param converter the worker client's data converter (with its codec)
   */
  public ApproverWorkerInterceptor(DataConverter converter) {
    this.converter = converter;
  }

  /** The approver of the signal or update being handled; UNVERIFIED outside one. */
  public static Approver current() {
    return CURRENT.get();
  }

  /** The header's approver; UNVERIFIED when absent or unreadable (never fails the handler). */
  static Approver of(Header header) {
    return of(header, DefaultDataConverter.STANDARD_INSTANCE);
  }

  /**
   * As {@link #of(Header)}, read with {@code converter}; a header it cannot decrypt (a key this
   * worker lacks) is UNVERIFIED too, so a gate refuses the answer instead of failing the run's
   * task.
   */
  static Approver of(Header header, DataConverter converter) {
    Payload p = header == null ? null : header.getValues().get(Approver.HEADER);
    if (p == null) return Approver.UNVERIFIED;
    try {
      Approver a = converter.fromPayload(p, Approver.class, Approver.class);
      return a != null && a.verified() ? a : Approver.UNVERIFIED;
    } catch (DataConverterException | PayloadCodecException e) {
      return Approver.UNVERIFIED;
    }
  }

  private <T> T as(Header header, Supplier<T> handler) {
    CURRENT.set(of(header, converter));
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
