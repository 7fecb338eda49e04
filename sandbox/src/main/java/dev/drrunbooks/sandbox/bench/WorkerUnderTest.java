package dev.drrunbooks.sandbox.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox's worker jar as a process of its own, as {@code deploy/local/sandbox worker start}
 * runs it, on the benchmark's task queue, sampled once a second from {@code /proc/<pid>/status}
 * (threads, RSS) while the benchmark runs.
 */
final class WorkerUnderTest implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(90);

  private final Process process;
  private final Path log;
  private final ProcSample.Peak peak = new ProcSample.Peak();
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "bench-proc-sampler");
            t.setDaemon(true);
            return t;
          });

  private WorkerUnderTest(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code jar} with {@code env} (the sandbox's, plus the benchmark's settings) and waits
   * for its "Worker started" line.
   *
   * @param jvmOptions e.g. {@code -Xmx768m}, before {@code -jar}
   * @throws IllegalStateException when it exits or stays silent for 90 s (the log's tail quoted)
   */
  static WorkerUnderTest start(Path jar, List<String> jvmOptions, Map<String, String> env, Path log)
      throws InterruptedException {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    WorkerUnderTest worker;
    try {
      worker = new WorkerUnderTest(pb.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    worker.awaitStarted();
    worker.sampler.scheduleAtFixedRate(worker::sample, 0, 1, TimeUnit.SECONDS);
    return worker;
  }

  private void awaitStarted() throws InterruptedException {
    Instant until = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(until)) {
      String text = logText();
      if (text.contains("Worker started")) return;
      if (!process.isAlive() || text.contains("worker not started")) break;
      Thread.sleep(250);
    }
    process.destroyForcibly();
    String text = logText();
    throw new IllegalStateException(
        "the worker did not start (log "
            + log
            + "):\n"
            + text.substring(Math.max(0, text.length() - 3000)));
  }

  private void sample() {
    try {
      peak.add(ProcSample.read(process.pid()));
    } catch (RuntimeException e) {
      // the process is gone or /proc unreadable for an instant: the next second tries again
    }
  }

  long pid() {
    return process.pid();
  }

  /** The highest threads and RSS seen so far, and which threads there were at the most. */
  ProcSample.Peak peak() {
    return peak;
  }

  String logText() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** SIGTERM (the worker's graceful stop), SIGKILL after 40 s. */
  @Override
  public void close() throws InterruptedException {
    sampler.shutdownNow();
    process.destroy();
    if (!process.waitFor(40, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
  }
}
