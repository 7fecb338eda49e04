package dev.drrunbooks.worker;

import dev.drrunbooks.bootstrap.connect.TemporalClientConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the worker connects and what it serves, from the environment: Temporal as the Temporal CLI
 * and SDKs read it ({@link TemporalClientConfig}: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TLS, API
 * key, profiles), DR_TASK_QUEUE, DR_CATALOG, and how much it takes on at once ({@link
 * WorkerTuning}: DR_WORKFLOW_CACHE_SIZE, DR_WORKFLOW_THREADS, DR_*_SLOTS, DR_*_POLLERS).
 * Credentials are not configuration: AWS uses its default provider chain and databases read theirs
 * inside the activity.
 */
public record WorkerConfig(
    TemporalClientConfig temporal, String taskQueue, Path catalogPath, WorkerTuning tuning) {
  public static final String DEFAULT_TASK_QUEUE = "dr-runbooks";

  /**
   * @throws IllegalArgumentException when the Temporal configuration or a tuning variable is wrong
   *     (one line naming it)
   */
  public static WorkerConfig fromEnvironment() {
    return from(System.getenv());
  }

  static WorkerConfig from(Map<String, String> env) {
    return new WorkerConfig(
        TemporalClientConfig.fromEnvironment(env),
        env.getOrDefault("DR_TASK_QUEUE", DEFAULT_TASK_QUEUE),
        Path.of(env.getOrDefault("DR_CATALOG", "deploy/catalog/mycomputer.yaml")),
        WorkerTuning.from(env));
  }

  public String temporalAddress() {
    return temporal.address();
  }

  public String namespace() {
    return temporal.namespace();
  }
}
