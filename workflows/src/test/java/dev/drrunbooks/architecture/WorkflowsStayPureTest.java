package dev.drrunbooks.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The enforcer rule keeps the AWS SDK, JDBC and YAML out of this module's dependencies; this keeps
 * the JDK's own I/O out of every source file of it, without exemptions: workflow code must replay
 * deterministically, and what does I/O before a workflow runs (catalog loading, the Temporal
 * connection) lives in bootstrap.
 */
class WorkflowsStayPureTest {
  private static final List<String> FORBIDDEN =
      List.of(
          "import java.net.",
          "import java.sql.",
          "import java.io.File",
          "import java.nio.file.",
          "import java.net.http.",
          "Thread.sleep(",
          "System.currentTimeMillis(",
          "Instant.now(",
          "new Random(",
          "UUID.randomUUID(");

  @Test
  void workflowPackagesDoNoIo() {
    assertEquals(List.of(), offences(Path.of("src/main/java")));
  }

  /** The check itself: a file that reads the disk or the clock is named, wherever it sits. */
  @Test
  void anOffenceAnywhereIsNamed(@TempDir Path root) throws IOException {
    Path catalog = Files.createDirectories(root.resolve("dev/drrunbooks/catalog"));
    Files.writeString(
        catalog.resolve("Loader.java"),
        "package dev.drrunbooks.catalog;\nimport java.nio.file.Path;\n");
    Files.writeString(
        catalog.resolve("Pure.java"), "package dev.drrunbooks.catalog;\nimport java.util.List;\n");
    Path connect = Files.createDirectories(root.resolve("dev/drrunbooks/connect"));
    Files.writeString(
        connect.resolve("Clock.java"), "class Clock { long t = System.currentTimeMillis(); }\n");

    assertEquals(
        List.of(
            catalog.resolve("Loader.java") + " uses import java.nio.file.",
            connect.resolve("Clock.java") + " uses System.currentTimeMillis("),
        offences(root));
  }

  private static List<String> offences(Path sources) {
    try (Stream<Path> files = Files.walk(sources)) {
      return files
          .filter(p -> p.toString().endsWith(".java"))
          .sorted()
          .flatMap(p -> FORBIDDEN.stream().filter(read(p)::contains).map(f -> p + " uses " + f))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
