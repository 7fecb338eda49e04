package dev.drrunbooks.connect;

import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DefaultDataConverter;

/**
 * The client options every dr-runbooks client uses (worker, starter, tests), so all of them read and
 * write payloads the same way.
 */
public final class DrClientOptions {
  private DrClientOptions() {}

  public static WorkflowClientOptions forNamespace(String namespace) {
    return WorkflowClientOptions.newBuilder()
        .setNamespace(namespace)
        .setDataConverter(DefaultDataConverter.newDefaultInstance())
        .build();
  }
}
