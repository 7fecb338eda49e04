package dev.drrunbooks.starter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.model.TimelineEntry;
import dev.drrunbooks.model.TimelineQuery;
import dev.drrunbooks.pitr.PointInTimeRestoreInput;
import dev.drrunbooks.pitr.PointInTimeRestoreWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * {@code dr report RUN} of runs that ended without a result, on the sandbox's Temporal server: the
 * worker reads the closed run's timeline back (a query it answers by replaying the history) and
 * writes the report, with the steps recorded so far and the clean-up, into its one report folder.
 */
@ResourceLock(value = SandboxLocks.INVENTORY_SNAPSHOTS, mode = ResourceAccessMode.READ)
@ResourceLock(value = SandboxLocks.RUN_LISTINGS, mode = ResourceAccessMode.READ)
class RunReportEndToEndTest {
  private static SandboxWorker worker;

  @BeforeAll
  static void start() {
    // Restores stay "creating" for a while, so a PITR can be cancelled mid-wait; the drill's
    // template is missing,
    // so a drill fails once it has registered its clean-up.
    worker =
        new SandboxWorker(
            Map.of(
                "DR_SANDBOX_RESTORE_SECONDS", "60", "DR_TEMPLATE_DIR", "/nonexistent-templates"));
  }

  @AfterAll
  static void stop() {
    worker.close();
  }

  @Test
  void aCancelledPitrIsReportedWithItsTimelineSoFarAndItsCleanUp() throws Exception {
    WorkflowClient client = worker.client();
    String workflowId = "pitr-report-e2e-" + Long.toString(System.nanoTime(), 36);
    PointInTimeRestoreWorkflow pitr =
        client.newWorkflowStub(
            PointInTimeRestoreWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.taskQueue)
                .setWorkflowId(workflowId)
                .build());
    WorkflowClient.start(pitr::run, PointInTimeRestoreInput.latest("inventory"));
    WorkflowStub run = WorkflowStub.fromTyped(pitr);
    for (int i = 0;
        i < 120 && timeline(run).stream().noneMatch(e -> e.step().startsWith("restore "));
        i++) {
      Thread.sleep(250);
    }
    assertTrue(
        timeline(run).stream().anyMatch(e -> e.step().startsWith("restore ")),
        "restoring: " + timeline(run));

    CliRun early = CliRun.of(worker.connectionArgs(), "report", workflowId);
    assertEquals(3, early.exitCode(), "refused while running: " + early);
    assertTrue(early.err().contains("is still running"), early.toString());

    run.cancel();
    assertThrows(WorkflowFailedException.class, () -> run.getResult(Object.class));

    CliRun report = CliRun.of(worker.connectionArgs(), "report", workflowId, "--review");
    assertEquals(1, report.exitCode(), "a run that did not complete: " + report);
    assertTrue(
        report
            .out()
            .contains("Report of " + workflowId + " (PointInTimeRestore, CANCELED): CANCELED"),
        report.toString());
    assertTrue(report.noStackTrace(), report.toString());
    String md = Files.readString(written(report, "report.md"));
    assertTrue(
        md.contains("| rds:" + workflowId.toLowerCase() + "-pitr | COMPENSATED |"),
        "its clean-up:\n" + md);
    assertTrue(
        md.contains("clean up rds:" + workflowId.toLowerCase() + "-pitr"),
        "in its timeline:\n" + md);
    assertTrue(
        md.contains("| SUCCEEDED |") && md.contains("restore "),
        "the steps before the cancel:\n" + md);
    assertTrue(
        Files.readString(written(report, "post-incident-review.md"))
            .contains("## 1. Timeline of events"));
    assertEquals(
        Path.of(worker.env.require("DR_REPORT_DIR")).resolve(workflowId),
        written(report, "report.md").getParent(),
        "the worker's one report folder");
  }

  @Test
  void aFailedDrillIsReportedWithItsTimelineAndCleanUp() throws Exception {
    CliRun drill = CliRun.of(worker.connectionArgs(), "drill", "--service", "inventory");
    assertEquals(1, drill.exitCode(), drill.toString());
    Matcher id = Pattern.compile("workflow (\\S+) run").matcher(drill.out() + drill.err());
    assertTrue(id.find(), drill.toString());
    String workflowId = id.group(1);

    CliRun report = CliRun.of(worker.connectionArgs(), "report", workflowId);
    assertEquals(1, report.exitCode(), report.toString());
    assertTrue(
        report.out().contains("Report of " + workflowId + " (DrDrill, FAILED): FAILED"),
        report.toString());
    assertTrue(report.out().contains("CloudFormation template"), "the failure: " + report);
    String html = Files.readString(written(report, "report.html"));
    assertTrue(html.contains("<h1>DR drill of inventory</h1>"), html);
    assertTrue(html.contains("clean up stack:"), "the clean-up in the timeline");
    assertTrue(html.contains("Everything this run created is gone."), html);
    if (!worker.env.get("TEMPORAL_UI_URL", "").isEmpty()) {
      assertTrue(
          html.contains(
              "id=\"run-link\" href=\""
                  + worker.env.get("TEMPORAL_UI_URL", "").replaceAll("/+$", "")
                  + "/namespaces/"),
          "links to the run in the UI");
    }
  }

  private static List<TimelineEntry> timeline(WorkflowStub run) {
    return Arrays.asList(run.query(TimelineQuery.NAME, TimelineEntry[].class));
  }

  private static Path written(CliRun run, String name) {
    Matcher m =
        Pattern.compile("^  (\\S+/" + Pattern.quote(name) + ")$", Pattern.MULTILINE)
            .matcher(run.out());
    assertTrue(m.find(), name + " is printed: " + run);
    return Path.of(m.group(1));
  }
}
