package dev.drrunbooks.ops;

import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;

/**
 * Ready when the Temporal frontend answers GetSystemInfo (any server, Temporal Cloud included,
 * answers it without a namespace) within {@value #TIMEOUT_MS} ms.
 */
public final class TemporalReachable implements Readiness {
  static final long TIMEOUT_MS = 2000;

  private final WorkflowServiceStubs service;
  private final String address;

  /**
   * @param address how the reason names the server (host:port, no credentials)
   */
  public TemporalReachable(WorkflowServiceStubs service, String address) {
    this.service = service;
    this.address = address;
  }

  @Override
  public String notReadyReason() {
    try {
      service
          .blockingStub()
          .withDeadlineAfter(TIMEOUT_MS, TimeUnit.MILLISECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      return null;
    } catch (StatusRuntimeException e) {
      return "Temporal at "
          + address
          + " unreachable: "
          + e.getStatus().getCode()
          + (e.getStatus().getDescription() == null ? "" : " " + e.getStatus().getDescription());
    }
  }
}
