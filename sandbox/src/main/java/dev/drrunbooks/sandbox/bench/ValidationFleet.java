package dev.drrunbooks.sandbox.bench;

import dev.drrunbooks.backupvalidation.BackupValidation;
import dev.drrunbooks.backupvalidation.BackupValidationInput;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.model.ResourceNames;
import dev.drrunbooks.runbook.RunStartOptions;
import dev.drrunbooks.runbook.RunSummary;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * N backup-validation runs started at once through one client, each as {@code dr validate-backups
 * --service S} would start it (same options, search attributes and summary), the services taken in
 * turn from those with a database. Each run restores its service's newest snapshot into a
 * validation instance of its own (named from its run id), waits for it, checks its data and deletes
 * it: N concurrent validations are N restores in flight at once. They are started directly, not as
 * one fleet parent with maxConcurrent=N: the fleet validates each catalog service once, and the
 * sandbox's catalog has four.
 */
final class ValidationFleet {
  /** Starts in parallel: one client, a few threads, so N starts take seconds, not minutes. */
  private static final int START_THREADS = 8;

  private final WorkflowClient client;
  private final Catalog catalog;
  private final String taskQueue;

  ValidationFleet(WorkflowClient client, Catalog catalog, String taskQueue) {
    this.client = client;
    this.catalog = catalog;
    this.taskQueue = taskQueue;
  }

  /** A started run: its id, its service and the validation instance it restores into. */
  record Run(String workflowId, String service, String instance) {}

  /** The catalog's services with an RDS instance, in catalog order. */
  List<String> servicesWithDatabase() {
    return catalog.services().entrySet().stream()
        .filter(e -> e.getValue().database() != null && e.getValue().database().instance() != null)
        .map(java.util.Map.Entry::getKey)
        .toList();
  }

  /**
   * Starts {@code n} runs, ids {@code backup-validation-<service>-<tag>-<i>}.
   *
   * @throws IllegalStateException when a start fails (the first failure's message)
   */
  List<Run> start(int n, String tag) throws InterruptedException {
    List<String> services = servicesWithDatabase();
    if (services.isEmpty())
      throw new IllegalStateException("the catalog has no service with a database");
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String service = services.get(i % services.size());
      String id = BackupValidation.PROCEDURE.key() + "-" + service + "-" + tag + "-" + i;
      runs.add(new Run(id, service, ResourceNames.rds(id, "validation")));
    }
    ExecutorService pool = Executors.newFixedThreadPool(START_THREADS);
    try {
      List<Future<?>> started = new ArrayList<>();
      for (Run run : runs) started.add(pool.submit(() -> startOne(run)));
      for (Future<?> f : started) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("a start failed: " + e.getCause().getMessage(), e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return runs;
  }

  private void startOne(Run run) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            BackupValidation.PROCEDURE.workflowType(),
            RunStartOptions.of(
                RunSummary.of(
                    BackupValidation.PROCEDURE,
                    run.service(),
                    catalog.services().get(run.service()).objectives()),
                run.workflowId(),
                taskQueue,
                BackupValidation.PROCEDURE.key(),
                run.service()));
    stub.start(BackupValidationInput.newest(run.service()));
  }

  /**
   * Waits for every run to close, one after the other (one long poll at a time: the benchmark
   * itself stays light; the times reported come from the histories, not from here).
   *
   * @return the runs still open at {@code deadline}
   */
  List<Run> awaitAll(List<Run> runs, Instant deadline) {
    List<Run> open = new ArrayList<>();
    for (Run run : runs) {
      long left = Duration.between(Instant.now(), deadline).toMillis();
      if (left <= 0) {
        open.add(run);
        continue;
      }
      try {
        client
            .newUntypedWorkflowStub(run.workflowId())
            .getResult(left, TimeUnit.MILLISECONDS, Object.class);
      } catch (TimeoutException e) {
        open.add(run);
      } catch (WorkflowException e) {
        // failed, timed out, cancelled: the history says which
      }
    }
    return open;
  }

  /** Every run's history, read in parallel by a few threads. */
  List<RunMeasures> measure(List<Run> runs) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<RunMeasures>> all = new ArrayList<>();
      for (Run run : runs)
        all.add(
            pool.submit(() -> RunMeasures.of(client.fetchHistory(run.workflowId()).getEvents())));
      List<RunMeasures> measures = new ArrayList<>();
      for (Future<RunMeasures> f : all) {
        try {
          measures.add(f.get());
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("reading a history failed: " + e.getCause(), e);
        }
      }
      return measures;
    } finally {
      pool.shutdownNow();
    }
  }
}
