package dev.drrunbooks.image;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * What must not reach the image: the sandbox module's code (its stand-in databases, the CloudWatch
 * interceptor for moto, the in-memory Temporal server), the files through which the sandbox's jar
 * plugs it in, the Temporal test server and testing library, JUnit 4. JUnit 5 is not listed: it is
 * on the tests' own class path.
 */
final class SandboxOnlyCode {
  static final List<String> FORBIDDEN =
      List.of(
          "dev/drrunbooks/sandbox/",
          "io/temporal/testserver/",
          "io/temporal/testing/",
          "junit/",
          "org/junit/Test.class",
          "org/junit/runner/",
          "org/junit/rules/",
          "software/amazon/awssdk/global/handlers/execution.interceptors",
          "META-INF/services/dev.drrunbooks.worker.databases.DatabaseStandIn");

  private SandboxOnlyCode() {}

  /** The forbidden entries of a class path entry (a jar or a folder), as {@code entry!/name}. */
  static Set<String> in(Path classPathEntry) throws IOException {
    Set<String> found = new TreeSet<>();
    for (String name : entries(classPathEntry)) {
      boolean forbidden =
          FORBIDDEN.stream().anyMatch(name::startsWith)
              || name.contains("CloudWatchJsonProtocol")
              || name.contains("InMemoryTemporalServer");
      if (forbidden) found.add(classPathEntry.getFileName() + "!/" + name);
    }
    return found;
  }

  private static List<String> entries(Path entry) throws IOException {
    if (Files.isDirectory(entry)) {
      try (Stream<Path> files = Files.walk(entry)) {
        return files
            .filter(Files::isRegularFile)
            .map(f -> entry.relativize(f).toString().replace(File.separatorChar, '/'))
            .toList();
      }
    }
    if (!Files.isRegularFile(entry)) return List.of();
    try (JarFile jar = new JarFile(entry.toFile())) {
      return jar.stream().map(e -> e.getName()).toList();
    }
  }
}
