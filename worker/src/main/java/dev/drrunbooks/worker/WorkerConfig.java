package dev.drrunbooks.worker;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the worker connects and what it serves, from the environment: TEMPORAL_ADDRESS,
 * TEMPORAL_NAMESPACE, DR_TASK_QUEUE, DR_CATALOG. Credentials are not configuration: AWS uses its
 * default provider chain and databases read theirs inside the activity.
 */
public record WorkerConfig(
    String temporalAddress, String namespace, String taskQueue, Path catalogPath) {
  public static final String DEFAULT_TASK_QUEUE = "dr-runbooks";

  public static WorkerConfig fromEnvironment() {
    return from(System.getenv());
  }

  static WorkerConfig from(Map<String, String> env) {
    return new WorkerConfig(
        env.getOrDefault("TEMPORAL_ADDRESS", "127.0.0.1:7233"),
        env.getOrDefault("TEMPORAL_NAMESPACE", "default"),
        env.getOrDefault("DR_TASK_QUEUE", DEFAULT_TASK_QUEUE),
        Path.of(env.getOrDefault("DR_CATALOG", "deploy/catalog/mycomputer.yaml")));
  }
}
