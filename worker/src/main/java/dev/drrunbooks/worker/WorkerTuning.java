package dev.drrunbooks.worker;

import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.tuning.CompositeTuner;
import io.temporal.worker.tuning.FixedSizeSlotSupplier;
import io.temporal.worker.tuning.PollerBehaviorAutoscaling;
import java.util.Map;

/**
 * How much one worker process takes on at once, and so how many threads and how much memory it
 * needs: set explicitly (the SDK's defaults are sized for a bigger host: 600 cached workflows and
 * workflow threads, 200 activity and 200 workflow task slots, 5 pollers each), from the
 * environment, each with a default:
 *
 * <table>
 *   <caption>variables</caption>
 *   <tr><th>variable</th><th>default</th><th>what</th></tr>
 *   <tr><td>DR_WORKFLOW_CACHE_SIZE</td><td>{@value #DEFAULT_WORKFLOW_CACHE_SIZE}</td>
 *       <td>workflow executions kept in memory between their tasks (sticky execution)</td></tr>
 *   <tr><td>DR_WORKFLOW_THREADS</td><td>{@value #DEFAULT_WORKFLOW_THREADS}</td>
 *       <td>threads for workflow code, in all (at least the cache size)</td></tr>
 *   <tr><td>DR_WORKFLOW_TASK_SLOTS</td><td>{@value #DEFAULT_WORKFLOW_TASK_SLOTS}</td>
 *       <td>workflow tasks processed at once</td></tr>
 *   <tr><td>DR_ACTIVITY_SLOTS</td><td>{@value #DEFAULT_ACTIVITY_SLOTS}</td>
 *       <td>activities run at once (each on a thread of its own)</td></tr>
 *   <tr><td>DR_LOCAL_ACTIVITY_SLOTS</td><td>{@value #DEFAULT_LOCAL_ACTIVITY_SLOTS}</td>
 *       <td>local activities run at once (the runbook schedules none today)</td></tr>
 *   <tr><td>DR_WORKFLOW_POLLERS</td><td>{@value #DEFAULT_WORKFLOW_POLLERS}</td>
 *       <td>concurrent workflow task polls at most, on the shared queue and on the worker's
 *       sticky queue each</td></tr>
 *   <tr><td>DR_ACTIVITY_POLLERS</td><td>{@value #DEFAULT_ACTIVITY_POLLERS}</td>
 *       <td>concurrent activity task polls at most</td></tr>
 * </table>
 *
 * <p><b>Why these defaults.</b> Waits no longer hold a thread (a restore wait is one describe per
 * activity attempt, the retry delay being the cadence; issue 16), so activities are short calls.
 * What grows with runs in flight now is the Java SDK's workflow cache: every cached execution keeps
 * a thread parked in its workflow code (plus one for each of its Async branches); at the SDK's 600
 * a worker with 500 runs in flight held 344 threads and 478 MB. Measured with {@code
 * deploy/local/bench} on the sandbox (2 shared cores, dev server):
 *
 * <ul>
 *   <li>About 55 to 60 threads do not grow with runs (the JVM's own, gRPC's executor, which also
 *       runs the asynchronous polls' callbacks, three HTTP clients' pools, pollers, heartbeats,
 *       gauges). The rest: workflow threads (at most {@value #DEFAULT_WORKFLOW_THREADS}), one per
 *       busy activity slot, one per busy workflow task slot. A cache of 20 with 30 workflow
 *       threads, 4 workflow task and 12 activity slots peaked at 102 to 109 threads; hence {@value
 *       #DEFAULT_WORKFLOW_THREADS} + {@value #DEFAULT_WORKFLOW_TASK_SLOTS} + {@value
 *       #DEFAULT_ACTIVITY_SLOTS} on top of those, under 100.
 *   <li>A small cache against hundreds of runs hits rarely (32 hits, 1020 misses with 500 in flight
 *       and a cache of 20), and every task of an evicted run still goes to this worker's sticky
 *       queue first: those waited 100 s on average there, the shared queue's 5 s. A cache of
 *       {@value #DEFAULT_WORKFLOW_CACHE_SIZE} keeps sticky execution for the usual handful of long
 *       runs (an incident, a drill) without that many threads parked; {@code 0} turns sticky
 *       execution off, for a worker that runs fleets only.
 *   <li>A workflow task holds its slot through its round trips to the server (poll, history on a
 *       cache miss, completion), not only its CPU: 4 slots served 4.5 tasks a second with 500 runs
 *       in flight. {@value #DEFAULT_WORKFLOW_TASK_SLOTS} overlap those waits.
 *   <li>{@value #DEFAULT_ACTIVITY_SLOTS} activity slots: activities are short calls now; a drill or
 *       evacuation still holds a few long ones (stack waits, transaction replays).
 * </ul>
 */
public record WorkerTuning(
    int workflowCacheSize,
    int workflowThreads,
    int workflowTaskSlots,
    int activitySlots,
    int localActivitySlots,
    int workflowPollers,
    int activityPollers) {
  public static final int DEFAULT_WORKFLOW_CACHE_SIZE = 8;
  public static final int DEFAULT_WORKFLOW_THREADS = 16;
  public static final int DEFAULT_WORKFLOW_TASK_SLOTS = 8;
  public static final int DEFAULT_ACTIVITY_SLOTS = 8;
  public static final int DEFAULT_LOCAL_ACTIVITY_SLOTS = 2;
  public static final int DEFAULT_WORKFLOW_POLLERS = 4;
  public static final int DEFAULT_ACTIVITY_POLLERS = 4;

  /** Above this, a value is a typo (a thread each), not a plan. */
  static final int CEILING = 10_000;

  /** The defaults above. */
  public static WorkerTuning defaults() {
    return from(Map.of());
  }

  /**
   * The tuning {@code env} asks for, defaults where it says nothing.
   *
   * @throws IllegalArgumentException naming the variable, its value and what is allowed, when one
   *     is not a whole number in its range, or DR_WORKFLOW_THREADS is below DR_WORKFLOW_CACHE_SIZE
   */
  public static WorkerTuning from(Map<String, String> env) {
    int cache = read(env, "DR_WORKFLOW_CACHE_SIZE", DEFAULT_WORKFLOW_CACHE_SIZE, 0);
    int threads = read(env, "DR_WORKFLOW_THREADS", DEFAULT_WORKFLOW_THREADS, 1);
    if (threads < cache) {
      throw new IllegalArgumentException(
          "DR_WORKFLOW_THREADS: "
              + threads
              + " is below DR_WORKFLOW_CACHE_SIZE ("
              + cache
              + "): allowed: at least the cache size, since every cached workflow keeps a thread");
    }
    return new WorkerTuning(
        cache,
        threads,
        read(env, "DR_WORKFLOW_TASK_SLOTS", DEFAULT_WORKFLOW_TASK_SLOTS, 1),
        read(env, "DR_ACTIVITY_SLOTS", DEFAULT_ACTIVITY_SLOTS, 1),
        read(env, "DR_LOCAL_ACTIVITY_SLOTS", DEFAULT_LOCAL_ACTIVITY_SLOTS, 1),
        read(env, "DR_WORKFLOW_POLLERS", DEFAULT_WORKFLOW_POLLERS, 1),
        read(env, "DR_ACTIVITY_POLLERS", DEFAULT_ACTIVITY_POLLERS, 1));
  }

  private static int read(Map<String, String> env, String name, int fallback, int min) {
    String raw = env.get(name);
    if (raw == null || raw.isBlank()) return fallback;
    String value = raw.trim();
    int parsed;
    try {
      parsed = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      parsed = Integer.MIN_VALUE;
    }
    if (parsed < min || parsed > CEILING) {
      throw new IllegalArgumentException(
          name
              + ": '"
              + value
              + "' is not allowed: a whole number from "
              + min
              + " to "
              + CEILING
              + " (default "
              + fallback
              + ")");
    }
    return parsed;
  }

  /** The factory's share: the workflow cache and the workflow thread pool. */
  public WorkerFactoryOptions.Builder applyTo(WorkerFactoryOptions.Builder factory) {
    return factory
        .setWorkflowCacheSize(workflowCacheSize)
        .setMaxWorkflowThreadCount(workflowThreads);
  }

  /**
   * One worker's options: fixed slots per task type (the SDK's tuner) and its pollers, scaled by
   * the server's hints between one and the maximum. Autoscaling, not a fixed count: its polls are
   * asynchronous (no thread each), and the shared queue and the sticky queue get pollers of their
   * own; with a fixed count the SDK sends every poller to the sticky queue while its backlog
   * exceeds the poller count (StickyQueueBalancer), and new runs' first workflow tasks, which only
   * the shared queue carries, waited minutes behind 500 runs in flight (measured with
   * deploy/local/bench: 2 fixed pollers, both on the sticky queue).
   */
  public WorkerOptions workerOptions() {
    return WorkerOptions.newBuilder()
        .setWorkerTuner(
            new CompositeTuner(
                new FixedSizeSlotSupplier<>(workflowTaskSlots),
                new FixedSizeSlotSupplier<>(activitySlots),
                new FixedSizeSlotSupplier<>(localActivitySlots),
                // Nexus: the runbook serves no Nexus operations; one slot, never used.
                new FixedSizeSlotSupplier<>(1)))
        .setWorkflowTaskPollersBehavior(autoscaling(workflowPollers))
        .setActivityTaskPollersBehavior(autoscaling(activityPollers))
        .build();
  }

  private static PollerBehaviorAutoscaling autoscaling(int max) {
    return new PollerBehaviorAutoscaling(1, max, Math.min(2, max));
  }

  /** For the start-up line. */
  public String describe() {
    return "workflow cache "
        + workflowCacheSize
        + ", workflow threads "
        + workflowThreads
        + ", slots: workflow tasks "
        + workflowTaskSlots
        + ", activities "
        + activitySlots
        + ", local activities "
        + localActivitySlots
        + "; pollers at most: workflow "
        + workflowPollers
        + ", activity "
        + activityPollers;
  }
}
