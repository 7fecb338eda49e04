package dev.drrunbooks.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.worker.WorkerMain;
import dev.drrunbooks.worker.databases.DatabaseStandIn;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The image's class path holds no sandbox-only code ({@link SandboxOnlyCode}). Jib puts this
 * module's runtime class path in the image (worker, gateway and what they need); the test's class
 * path is that plus the test-scoped libraries (JUnit 5, the Kubernetes model), so what is not here
 * is not in the image either. ImageConfigIT checks the built image's own layers the same way.
 */
class ProductionClasspathTest {

  @Test
  void theImagesClassPathHoldsNoSandboxCodeTestServerOrJUnit4() throws Exception {
    List<Path> classPath =
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(s -> !s.isBlank())
            .map(Path::of)
            .toList();
    Path worker =
        Path.of(WorkerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertTrue(classPath.contains(worker), "the class path read is not the test's: " + classPath);
    Set<String> found = new TreeSet<>();
    for (Path entry : classPath) found.addAll(SandboxOnlyCode.in(entry));
    assertEquals(Set.of(), found, "sandbox-only or test code on the image's class path");
  }

  @Test
  void theWorkerInTheImageHasNoDatabaseStandIn() {
    assertEquals(0, ServiceLoader.load(DatabaseStandIn.class).stream().count());
  }
}
