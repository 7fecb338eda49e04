package dev.drrunbooks.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.drrunbooks.sandbox.aws.CloudWatchJsonProtocol;
import dev.drrunbooks.sandbox.temporal.InMemoryTemporalServer;
import dev.drrunbooks.worker.WorkerMain;
import dev.drrunbooks.worker.databases.DatabaseStandIn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's jar ({@code target/dr-sandbox.jar}, what deploy/local/sandbox runs) is the worker
 * plus this module, with the files through which the worker and the AWS SDK find this module's code
 * intact after shading.
 *
 * <p>Not a {@code *Test}: this module's pom runs it in its own surefire execution in the {@code
 * verify} phase, after the shade plugin has written the jar in {@code package}, with {@code
 * dr.jar.packaged}; anywhere else (a {@code -Dtest} that selects it in the test phase) it is
 * skipped, as the jar there may be an earlier build's.
 */
class SandboxJarCheck {
  static final Path JAR = Path.of("target", "dr-sandbox.jar");

  @Test
  void theSandboxJarRunsTheWorkerWithTheSandboxsDatabasesInterceptorAndTemporalServer()
      throws IOException {
    assumeTrue(
        Boolean.getBoolean("dr.jar.packaged"),
        "runs in the verify phase (dr.jar.packaged), after the package phase wrote " + JAR);
    assertTrue(
        Files.isRegularFile(JAR),
        JAR.toAbsolutePath() + " does not exist: this check runs after the package phase");
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertEquals(
          WorkerMain.class.getName(), jar.getManifest().getMainAttributes().getValue("Main-Class"));
      for (Class<?> c :
          List.of(
              WorkerMain.class,
              SandboxDatabaseStandIn.class,
              SandboxDatabases.class,
              CloudWatchJsonProtocol.class,
              InMemoryTemporalServer.class,
              io.temporal.testserver.TestServer.class)) {
        String entry = c.getName().replace('.', '/') + ".class";
        assertNotNull(jar.getEntry(entry), JAR + " lacks " + entry);
      }
      assertTrue(
          lines(jar, "META-INF/services/" + DatabaseStandIn.class.getName())
              .contains(SandboxDatabaseStandIn.class.getName()),
          "the worker finds the stand-in with ServiceLoader");
      assertTrue(
          lines(jar, "software/amazon/awssdk/global/handlers/execution.interceptors")
              .contains(CloudWatchJsonProtocol.class.getName()),
          "the SDK installs the interceptor in every client");
    }
  }

  private static List<String> lines(JarFile jar, String name) throws IOException {
    ZipEntry entry = jar.getEntry(name);
    assertNotNull(entry, JAR + " lacks " + name);
    try (InputStream in = jar.getInputStream(entry)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::trim)
          .toList();
    }
  }
}
