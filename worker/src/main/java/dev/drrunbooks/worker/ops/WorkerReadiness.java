package dev.drrunbooks.worker.ops;

import dev.drrunbooks.ops.Readiness;
import io.temporal.worker.WorkerFactory;

/**
 * Ready once the worker factory has started its pollers and until it shuts down (SIGTERM), with its
 * task queue's worker not suspended.
 */
public final class WorkerReadiness implements Readiness {
  private final WorkerFactory factory;
  private final String taskQueue;

  public WorkerReadiness(WorkerFactory factory, String taskQueue) {
    this.factory = factory;
    this.taskQueue = taskQueue;
  }

  @Override
  public String notReadyReason() {
    if (factory.isShutdown() || factory.isTerminated())
      return "worker shutting down: no longer polling task queue " + taskQueue;
    if (!factory.isStarted()) return "worker not started yet: not polling task queue " + taskQueue;
    if (factory.getWorker(taskQueue).isSuspended())
      return "worker of task queue " + taskQueue + " suspended: not polling";
    return null;
  }
}
