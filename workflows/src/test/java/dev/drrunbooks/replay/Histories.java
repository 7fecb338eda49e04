package dev.drrunbooks.replay;

import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Records a finished run's history for the replay test. Histories are committed; re-record them
 * deliberately ({@code -Ddr.record.histories=true}) only when a change is meant to be incompatible
 * and running workflows have been drained or versioned.
 */
public final class Histories {
  static final Path DIR = Path.of("src/test/resources/histories");

  static String workflowIdOf(Path file) {
    String name = file.getFileName().toString().replaceFirst("\\.json$", "");
    return name.substring(name.indexOf("--") + 2);
  }

  private Histories() {}

  /**
   * Files are named NAME--WORKFLOWID.json: replay needs the id, which child workflow ids derive
   * from.
   */
  public static void record(WorkflowClient client, String workflowId, String name) {
    record(client, workflowId, null, name);
  }

  /** One run of a workflow that continued as new ({@code runId} null: the latest run). */
  public static void record(WorkflowClient client, String workflowId, String runId, String name) {
    Path file = DIR.resolve(name + "--" + workflowId + ".json");
    if (!Boolean.getBoolean("dr.record.histories") && Files.exists(file)) return;
    WorkflowExecutionHistory history =
        runId == null ? client.fetchHistory(workflowId) : client.fetchHistory(workflowId, runId);
    try {
      Files.createDirectories(DIR);
      Files.writeString(file, history.toJson(true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
