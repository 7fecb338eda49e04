package dev.drrunbooks.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The env file the sandbox wrote (endpoints, ports, sandbox credentials). Sandbox-backed tests
 * fail, never skip, when it is missing: a green run must mean they ran.
 */
public final class SandboxEnv {
  private static SandboxEnv loaded;
  private final Path file;
  private final Map<String, String> values;

  private SandboxEnv(Path file, Map<String, String> values) {
    this.file = file;
    this.values = values;
  }

  /**
   * The sandbox's env file. With {@code dr.sandbox.wait-seconds} (run-tests brings the sandbox up
   * while the first modules build and test) a missing file is waited for that long: the sandbox
   * writes it last, in one move, once everything in it is up.
   */
  public static synchronized SandboxEnv get() {
    if (loaded == null) {
      String location = System.getProperty("dr.sandbox.env", ".sandbox/test/sandbox.env");
      Path file = Path.of(location);
      awaitFile(file, Long.getLong("dr.sandbox.wait-seconds", 0));
      if (!Files.isRegularFile(file)) {
        throw new IllegalStateException(
            "Sandbox env file "
                + file.toAbsolutePath()
                + " not found: this test needs the sandbox (Temporal, moto, PostgreSQL). Run the"
                + " test command from the README (deploy/local/run-tests), or"
                + " DR_SANDBOX_HOME=.sandbox/test deploy/local/sandbox up first.");
      }
      loaded = new SandboxEnv(file, parse(file));
    }
    return loaded;
  }

  private static void awaitFile(Path file, long seconds) {
    long until = System.nanoTime() + seconds * 1_000_000_000L;
    while (!Files.isRegularFile(file) && System.nanoTime() < until) {
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static Map<String, String> parse(Path file) {
    Map<String, String> values = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(file)) {
        String l = line.trim();
        if (l.isEmpty() || l.startsWith("#") || !l.contains("=")) continue;
        if (l.startsWith("export ")) l = l.substring(7);
        String key = l.substring(0, l.indexOf('=')).trim();
        String value = l.substring(l.indexOf('=') + 1).trim();
        if (value.length() >= 2
            && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
          value = value.substring(1, value.length() - 1);
        }
        values.put(key, value);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read sandbox env file " + file + ": " + e, e);
    }
    return values;
  }

  public String require(String key) {
    String value = values.get(key);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException("sandbox env file " + file + " has no " + key);
    }
    return value;
  }

  public String get(String key, String fallback) {
    String value = values.get(key);
    return value == null || value.isEmpty() ? fallback : value;
  }

  /** The env file, in the sandbox's home ({@code DR_SANDBOX_HOME}). */
  public Path file() {
    return file;
  }

  /** Everything, for processes and clients that read their settings from the environment. */
  public Map<String, String> all() {
    return Map.copyOf(values);
  }
}
