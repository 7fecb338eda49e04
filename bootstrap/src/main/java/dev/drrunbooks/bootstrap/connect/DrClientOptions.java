package dev.drrunbooks.bootstrap.connect;

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
}
