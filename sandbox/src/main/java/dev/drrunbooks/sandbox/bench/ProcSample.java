package dev.drrunbooks.sandbox.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One look at a Linux process: its thread count and resident memory from {@code /proc/<pid>/status}
 * ({@code Threads:}, {@code VmRSS:} in kB; proc(5)), and its threads by name (from {@code
 * /proc/<pid>/task/<tid>/comm}, digits dropped so pools count as one).
 *
 * @param threads the process's threads
 * @param rssKb its resident set, kB
 * @param threadsByName thread name without digits (e.g. {@code "workflow-method-TID--..."}) to
 *     count
 */
record ProcSample(int threads, long rssKb, Map<String, Integer> threadsByName) {

  static ProcSample read(long pid) {
    Path proc = Path.of("/proc", Long.toString(pid));
    try {
      ProcSample counts = parseStatus(Files.readString(proc.resolve("status")));
      Map<String, Integer> names = new TreeMap<>();
      try (Stream<Path> tasks = Files.list(proc.resolve("task"))) {
        tasks.forEach(
            t -> {
              try {
                names.merge(family(Files.readString(t.resolve("comm")).trim()), 1, Integer::sum);
              } catch (IOException e) {
                // the thread ended between the listing and the read
              }
            });
      }
      return new ProcSample(counts.threads(), counts.rssKb(), names);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The counts of a {@code /proc/<pid>/status} text.
   *
   * @throws IllegalArgumentException when it lacks {@code Threads:} or {@code VmRSS:}
   */
  static ProcSample parseStatus(String status) {
    Integer threads = null;
    Long rss = null;
    for (String line : status.split("\n")) {
      if (line.startsWith("Threads:")) threads = Integer.parseInt(line.substring(8).trim());
      if (line.startsWith("VmRSS:"))
        rss = Long.parseLong(line.substring(6).trim().replaceAll("\\s*kB$", ""));
    }
    if (threads == null || rss == null)
      throw new IllegalArgumentException("no Threads: or VmRSS: line in /proc status: " + status);
    return new ProcSample(threads, rss, Map.of());
  }

  /** A thread's name with its numbers dropped: the pool it belongs to. */
  static String family(String comm) {
    return comm.replaceAll("[0-9]+", "#");
  }

  /** The highest thread count and RSS seen, and the thread names when threads were highest. */
  static final class Peak {
    private ProcSample mostThreads;
    private long maxRssKb;
    private int samples;

    synchronized void add(ProcSample s) {
      samples++;
      if (mostThreads == null || s.threads() > mostThreads.threads()) mostThreads = s;
      maxRssKb = Math.max(maxRssKb, s.rssKb());
    }

    synchronized int maxThreads() {
      return mostThreads == null ? 0 : mostThreads.threads();
    }

    synchronized long maxRssKb() {
      return maxRssKb;
    }

    synchronized int samples() {
      return samples;
    }

    /** Thread families at the peak, largest first, e.g. {@code "workflow-method-# 32"}. */
    synchronized String threadsAtPeak() {
      if (mostThreads == null) return "";
      StringBuilder b = new StringBuilder();
      mostThreads.threadsByName().entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
          .forEach(
              e ->
                  b.append(b.length() == 0 ? "" : ", ")
                      .append(e.getKey())
                      .append(' ')
                      .append(e.getValue()));
      return b.toString();
    }
  }
}
