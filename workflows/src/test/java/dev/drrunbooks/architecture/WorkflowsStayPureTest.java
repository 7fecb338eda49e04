package dev.drrunbooks.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The enforcer rule keeps the AWS SDK and JDBC out of this module's dependencies; this keeps the JDK's
 * own I/O out of workflow code, which must replay deterministically.
 */
class WorkflowsStayPureTest {
  private static final List<String> FORBIDDEN = List.of("import java.net.", "import java.sql.", "import java.io.File",
      "import java.nio.file.", "import java.net.http.", "Thread.sleep(", "System.currentTimeMillis(", "Instant.now(",
      "new Random(", "UUID.randomUUID(");

  @Test
  void workflowPackagesDoNoIo() throws IOException {
    Path main = Path.of("src/main/java/dev/drrunbooks");
    List<String> offenders;
    try (Stream<Path> files = Files.walk(main)) {
      offenders = files.filter(p -> p.toString().endsWith(".java"))
          // Not workflow code: the catalog loader and the Temporal connection serve worker and starter.
          .filter(p -> !p.startsWith(main.resolve("catalog")) && !p.startsWith(main.resolve("connect")))
          .flatMap(p -> {
            try {
              String text = Files.readString(p);
              return FORBIDDEN.stream().filter(text::contains).map(f -> p + " uses " + f);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          })
          .toList();
    }
    assertEquals(List.of(), offenders);
  }
}
