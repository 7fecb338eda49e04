package dev.drrunbooks.starter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.datarecovery.CorruptedDataRecoveryWorkflow;
import dev.drrunbooks.datarecovery.CorruptedDataRecoveryWorkflowImpl;
import dev.drrunbooks.datarecovery.DataRecoveryStatus;
import dev.drrunbooks.model.SearchAttributes;
import dev.drrunbooks.starter.report.HtmlReportScreenshotTest;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The Temporal UI as an operator's console: a corrupted-data recovery started with {@code dr} waits
 * at its confirmation gate; its page in the sandbox's Temporal UI, rendered by headless Chromium,
 * shows the run's summary and details (set at the start) and its current details (the phase, the
 * step it waits at and the exact {@code dr approve} command). The screenshot is kept in {@code
 * starter/target/ui-screenshots/}. Then the run is aborted at the gate and ends with its DrOutcome
 * search attribute set.
 */
@ResourceLock(value = SandboxLocks.RUN_LISTINGS, mode = ResourceAccessMode.READ)
class TemporalUiSandboxTest {
  static final Path SHOTS = Path.of(System.getProperty("basedir", "."), "target", "ui-screenshots");

  @Test
  void aRunWaitingAtItsGateShowsItsSummaryAndCurrentDetailsInTheTemporalUi() throws Exception {
    try (SandboxWorker worker = new SandboxWorker()) {
      String corruption =
          Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString();
      CliRun started =
          CliRun.of(
              worker.connectionArgs(),
              "recover-data",
              "--service",
              "inventory",
              "--corruption-time",
              corruption,
              "--no-wait");
      assertEquals(0, started.exitCode(), started.toString());
      Matcher m =
          Pattern.compile("workflow (\\S+) run (\\S+)\\s+Temporal UI: (\\S+)")
              .matcher(started.out());
      assertTrue(m.find(), started.toString());
      String workflowId = m.group(1);
      String link = m.group(3);
      String step = CorruptedDataRecoveryWorkflowImpl.CONFIRM_STEP;
      CorruptedDataRecoveryWorkflow run =
          worker.client().newWorkflowStub(CorruptedDataRecoveryWorkflow.class, workflowId);
      awaitGate(run, step);
      try {
        List<String> expected =
            List.of(
                "Corrupted-data recovery of inventory",
                "RTO 30m",
                "Phase: confirm",
                "approval of step " + step,
                "dr approve " + workflowId + " --step " + step,
                "approveSignal",
                "on timeout: abort");
        try (HeadlessPage page = new HeadlessPage(1280, 1600)) {
          page.open(link);
          page.awaitText(t -> t.contains("User Metadata"), Duration.ofSeconds(15));
          // The run page's "User Metadata" tab: summary, details and current details.
          page.open(
              page.evaluate("document.querySelector('[data-testid=user-metadata-tab]').href"));
          String text;
          try {
            text =
                page.awaitText(
                    t -> HeadlessPage.missing(t, expected).isEmpty(), Duration.ofSeconds(25));
          } finally {
            HtmlReportScreenshotTest.assertScreenshot(
                page.screenshot(SHOTS.resolve("run-waiting-at-gate.png")));
          }
          assertTrue(HeadlessPage.missing(text, expected).isEmpty(), text);
        }
      } finally {
        CliRun abort =
            CliRun.of(
                worker.connectionArgs(),
                "abort",
                workflowId,
                "--step",
                step,
                "--who",
                "ui-test",
                "--why",
                "the page was checked");
        assertEquals(0, abort.exitCode(), abort.toString());
      }
      WorkflowStub untyped = WorkflowStub.fromTyped(run);
      assertThrows(
          WorkflowFailedException.class,
          () -> untyped.getResult(30, TimeUnit.SECONDS, Object.class));
      assertEquals(
          "FAILED", untyped.describe().getTypedSearchAttributes().get(SearchAttributes.OUTCOME));
    }
  }

  private static void awaitGate(CorruptedDataRecoveryWorkflow run, String step)
      throws InterruptedException {
    DataRecoveryStatus s = null;
    for (int i = 0; i < 120; i++) {
      try {
        s = run.status();
        if (s.waitingFor() != null && s.waitingFor().step().equals(step)) return;
      } catch (RuntimeException notYet) {
        // the run's first task may not have run yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the run never reached its gate " + step + ": " + s);
  }
}
