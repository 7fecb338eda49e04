package dev.drrunbooks.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs deploy/local/moto_server_additions_check.py with the sandbox's venv python: a
 * DeleteDBInstance concurrent with another RDS request takes the instance's automated ("rds:")
 * snapshots with it, as on AWS (moto_server_additions.py, addition 6). Without that addition moto
 * answers the delete 500 after the instance is gone and keeps its snapshots: what the fleet
 * benchmark found left by 5 of 500 backup validations.
 *
 * <p>Needs the venv deploy/local/sandbox installs (.sandbox/venv); fails, never skips, without it.
 * Starts its own in-process moto on a free port, so it neither needs nor touches the sandbox's.
 * About 4 seconds.
 */
class MotoServerAdditionsCheckTest {
  private static final Path ROOT = Path.of(System.getProperty("dr.repo.root", ".."));

  @Test
  void deleteDbInstanceConcurrentWithAnotherRequestLeavesNoAutomatedSnapshot()
      throws IOException, InterruptedException {
    Path python = ROOT.resolve(".sandbox/venv/bin/python");
    Path check = ROOT.resolve("deploy/local/moto_server_additions_check.py");
    assertTrue(
        Files.isExecutable(python),
        python.toAbsolutePath()
            + " not found: this test needs the sandbox's venv (deploy/local/sandbox up installs"
            + " it)");
    // Output to a file, so neither a full pipe nor a hung check can stall the test.
    Path log = Files.createTempFile("moto-additions-check", ".log");
    Process run =
        new ProcessBuilder(python.toString(), check.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean ended = run.waitFor(120, TimeUnit.SECONDS);
    if (!ended) run.destroyForcibly().waitFor();
    String text = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    assertTrue(ended, "the check did not end in 120 s:\n" + text);
    assertEquals(0, run.exitValue(), "moto_server_additions_check.py failed:\n" + text);
    assertTrue(text.contains("ok: "), "no ok line from the check:\n" + text);
  }
}
