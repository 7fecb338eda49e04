package dev.drrunbooks.starter.e2e;

import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.testing.SandboxEnv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The sandbox's worker jar as its own process, so a test can kill it the way an outage would:
 * {@code sandbox/target/dr-sandbox.jar}, the production worker plus the sandbox module (the sandbox
 * env file's DR_SANDBOX_DATABASES=true needs it), as deploy/local/sandbox runs it.
 */
final class WorkerProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private WorkerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static WorkerProcess start(
      SandboxEnv env, String taskQueue, String name, Map<String, String> extraEnv) {
    Path root = Path.of(System.getProperty("dr.repo.root", ".."));
    Path jar = root.resolve("sandbox/target/dr-sandbox.jar");
    if (!Files.isRegularFile(jar))
      throw new IllegalStateException(jar + " is missing: build with mvn package first");
    Path log = Path.of("target", name + ".log").toAbsolutePath();
    ProcessBuilder pb =
        new ProcessBuilder("java", "-jar", jar.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().putAll(env.all());
    // The tests' own clients (the in-process dr, SandboxWorker) write plain payloads: this worker
    // too, not with the sandbox's payload key (EncryptedHistorySandboxTest covers encryption).
    pb.environment().keySet().removeIf(k -> k.startsWith("DR_CODEC_"));
    // Its /healthz, /readyz and /metrics on a free port of 127.0.0.1, not the default 9464 of every
    // interface: other worker processes (of other test classes, or other checkouts' test runs on
    // this machine) may be up at the same time.
    pb.environment().put("DR_OPS_HOST", "127.0.0.1");
    pb.environment().put("DR_OPS_PORT", "0");
    pb.environment().put("DR_TASK_QUEUE", taskQueue);
    pb.environment().put("DR_CATALOG", CatalogFixture.path().toAbsolutePath().toString());
    pb.environment().putAll(extraEnv);
    try {
      WorkerProcess worker = new WorkerProcess(pb.start(), log);
      worker.awaitLog("Worker started", Duration.ofSeconds(60));
      return worker;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL: no shutdown hook, no goodbye to Temporal, like a lost host. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** The worker's OS process id; its Temporal identity is {@code <pid>@<host>}. */
  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String logText() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  private void awaitLog(String line, Duration timeout) {
    Instant until = Instant.now().plus(timeout);
    while (Instant.now().isBefore(until)) {
      if (logText().contains(line)) return;
      if (!process.isAlive()) throw new IllegalStateException("worker exited early:\n" + logText());
      sleep(200);
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "worker did not log '" + line + "' within " + timeout + ":\n" + logText());
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
