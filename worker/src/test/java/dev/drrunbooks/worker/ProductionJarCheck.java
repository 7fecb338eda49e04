package dev.drrunbooks.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The production worker jar ({@code target/dr-worker.jar}, what operators run and what the image's
 * worker is built from) holds no sandbox-only code: nothing of the sandbox module (its stand-in
 * databases, the CloudWatch interceptor for moto, the in-memory Temporal server), no Temporal test
 * server or testing library, no JUnit, and none of the files through which the sandbox's jar plugs
 * its code in (the AWS SDK's global interceptors, the DatabaseStandIn provider file).
 *
 * <p>Not a {@code *Test}: this module's pom runs it in its own surefire execution in the {@code
 * verify} phase, after the shade plugin has written the jar in {@code package}, with {@code
 * dr.jar.packaged}; anywhere else (a {@code -Dtest} that selects it in the test phase) it is
 * skipped, as the jar there may be an earlier build's.
 */
class ProductionJarCheck {
  static final Path JAR = Path.of("target", "dr-worker.jar");

  /** Entry prefixes that must not be in the jar. */
  static final List<String> FORBIDDEN =
      List.of(
          "dev/drrunbooks/sandbox/",
          "io/temporal/testserver/",
          "io/temporal/testing/",
          "org/junit/",
          "junit/",
          "org/hamcrest/",
          "software/amazon/awssdk/global/handlers/execution.interceptors",
          "META-INF/services/dev.drrunbooks.worker.databases.DatabaseStandIn",
          "META-INF/maven/io.temporal/temporal-testing/",
          "META-INF/maven/io.temporal/temporal-test-server/",
          "META-INF/maven/junit/",
          "META-INF/maven/org.junit");

  @Test
  void theShadedWorkerJarHoldsNoSandboxCodeTestServerOrJUnit() throws IOException {
    assumeTrue(
        Boolean.getBoolean("dr.jar.packaged"),
        "runs in the verify phase (dr.jar.packaged), after the package phase wrote " + JAR);
    assertTrue(
        Files.isRegularFile(JAR),
        JAR.toAbsolutePath() + " does not exist: this check runs after the package phase");
    Set<String> found = new TreeSet<>();
    int classes = 0;
    try (JarFile jar = new JarFile(JAR.toFile())) {
      for (ZipEntry e : jar.stream().toList()) {
        String name = e.getName();
        if (name.endsWith(".class")) classes++;
        for (String prefix : FORBIDDEN) if (name.startsWith(prefix)) found.add(name);
        if (name.contains("CloudWatchJsonProtocol") || name.contains("InMemoryTemporalServer")) {
          found.add(name);
        }
      }
      // it is the worker's jar, with the seam the sandbox's jar plugs into
      assertTrue(classes > 1000, "only " + classes + " classes: not the shaded jar?");
      for (String must :
          List.of(
              "dev/drrunbooks/worker/WorkerMain.class",
              "dev/drrunbooks/worker/databases/DatabaseStandIn.class",
              "dev/drrunbooks/aws/cloudwatch/CloudWatchActivitiesImpl.class",
              "io/temporal/client/WorkflowClient.class")) {
        assertTrue(jar.getEntry(must) != null, JAR + " lacks " + must);
      }
    }
    assertEquals(Set.of(), found, JAR + " holds sandbox-only or test code");
  }
}
