package dev.drrunbooks.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.report.RunReportFiles;
import dev.drrunbooks.activities.report.RunReportRequest;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.pitr.PointInTimeRestoreInput;
import dev.drrunbooks.pitr.PointInTimeRestoreWorkflow;
import dev.drrunbooks.pitr.PointInTimeRestoreWorkflowImpl;
import dev.drrunbooks.report.FollowUpDrill;
import dev.drrunbooks.report.RunReport;
import dev.drrunbooks.report.WriteRunReportWorkflow;
import dev.drrunbooks.report.WriteRunReportWorkflowImpl;
import dev.drrunbooks.restore.FakeRds;
import dev.drrunbooks.testing.FakeCatalog;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dr report RUN} as the worker does it, against the test server: a completed, a failed and a
 * cancelled point-in-time restore read back and written into the worker's one report folder, the
 * ended ones with the timeline they recorded so far and the clean-up they did.
 */
class RunReportActivitiesImplTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(
          PointInTimeRestoreWorkflowImpl.class, WriteRunReportWorkflowImpl.class);

  private final FakeRds rds = new FakeRds();
  @TempDir Path dir;

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    RunLinks links = new RunLinks("http://127.0.0.1:8233/", "UnitTest");
    worker.registerActivitiesImplementations(
        rds,
        new FakeCatalog(),
        new ReportActivitiesImpl(dir, links),
        new RunReportActivitiesImpl(new ReportActivitiesImpl(dir, links), links, service -> null));
    env.start();
  }

  @Test
  void aCancelledRestoreIsReportedWithItsTimelineSoFarAndItsCleanUp(
      WorkflowClient client, Worker worker) throws Exception {
    rds.blockInAwait = true;
    PointInTimeRestoreWorkflow wf = pitr(client, worker, "pitr-cancelled");
    WorkflowClient.start(wf::run, PointInTimeRestoreInput.latest("inventory"));
    assertTrue(rds.waiting.await(30, TimeUnit.SECONDS), "the run reached the wait");

    WorkflowFailedException running =
        assertThrows(
            WorkflowFailedException.class, () -> report(client, worker, "pitr-cancelled", false));
    assertTrue(
        Failures.rootMessage(running)
            .startsWith("pitr-cancelled (PointInTimeRestore) is still running"),
        Failures.rootMessage(running));

    WorkflowStub.fromTyped(wf).cancel();
    assertThrows(
        WorkflowFailedException.class, () -> WorkflowStub.fromTyped(wf).getResult(Object.class));

    RunReportFiles files = report(client, worker, "pitr-cancelled", true);
    assertEquals("PointInTimeRestore", files.workflowType());
    assertEquals("CANCELED", files.state());
    assertEquals("CANCELED", files.outcome());
    assertTrue(
        files
            .runLink()
            .startsWith("http://127.0.0.1:8233/namespaces/UnitTest/workflows/pitr-cancelled/"),
        files.runLink());
    RunReport report = JsonReport.parse(Files.readString(Path.of(files.files().json())));
    assertEquals("Point-in-time restore of inventory", report.title());
    assertEquals("Workflow canceled; clean-up: rds:pitr-cancelled-pitr deleting", report.summary());
    assertTrue(
        report.timeline().stream().anyMatch(s -> s.step().startsWith("restore ")),
        "steps before the cancel: " + report.timeline());
    assertEquals(1, report.cleanup().size(), report.cleanup().toString());
    assertEquals("rds:pitr-cancelled-pitr", report.cleanup().get(0).resource());
    assertTrue(!report.cleanup().get(0).failed());
    String md = Files.readString(Path.of(files.files().markdown()));
    assertTrue(md.contains("| Objectives | not known: the run ended without a result |"), md);
    assertTrue(md.contains("| rds:pitr-cancelled-pitr | COMPENSATED | deleting |"), md);
    assertTrue(md.contains("| Run in the Temporal UI | <" + files.runLink() + "> |"), md);
    String html = Files.readString(Path.of(files.files().html()));
    assertTrue(html.contains("Everything this run created is gone."), html);
    assertTrue(html.contains("<a id=\"run-link\" href=\"" + files.runLink() + "\">"), html);
    String review = Files.readString(Path.of(files.review()));
    assertTrue(review.contains("| Recovery run | pitr-cancelled (pitr) |"), review);
    assertTrue(review.contains("clean up rds:pitr-cancelled-pitr"), review);
    assertEquals(
        dir.resolve("pitr-cancelled").toString(),
        files.files().directory(),
        "the worker's one folder");
  }

  /**
   * A terminated run: its report has the steps so far (from the timeline query, or from the history
   * when no worker can replay the run) and no stack trace, whichever way the timeline was read.
   */
  @Test
  void aTerminatedRestoreIsReportedWithItsStepsAndNoStackTrace(WorkflowClient client, Worker worker)
      throws Exception {
    rds.blockInAwait = true;
    PointInTimeRestoreWorkflow wf = pitr(client, worker, "pitr-terminated");
    WorkflowClient.start(wf::run, PointInTimeRestoreInput.latest("inventory"));
    assertTrue(rds.waiting.await(30, TimeUnit.SECONDS), "the run reached the wait");
    WorkflowStub.fromTyped(wf).terminate("operator stopped it");

    RunReportFiles files = report(client, worker, "pitr-terminated", false);
    assertEquals("TERMINATED", files.state());
    RunReport report = JsonReport.parse(Files.readString(Path.of(files.files().json())));
    assertTrue(!report.timeline().isEmpty(), "steps before the termination: " + report.notes());
    String md = Files.readString(Path.of(files.files().markdown()));
    assertTrue(!md.contains("\tat ") && !md.contains("at io.temporal"), md);
  }

  @Test
  void aFailedValidationIsReportedWithItsEvidenceTimelineAndCleanUp(
      WorkflowClient client, Worker worker) throws Exception {
    rds.failValidation = true;
    assertThrows(
        WorkflowFailedException.class,
        () ->
            pitr(client, worker, "pitr-invalid").run(PointInTimeRestoreInput.latest("inventory")));

    RunReportFiles files = report(client, worker, "pitr-invalid", false);
    assertEquals("FAILED", files.state());
    assertNull(files.review());
    RunReport report = JsonReport.parse(Files.readString(Path.of(files.files().json())));
    assertTrue(
        report.summary().startsWith("data validation failed on pitr-invalid-pitr"),
        report.summary());
    assertTrue(
        report.evidence().stream().anyMatch(e -> !e.pass()),
        "the failed check: " + report.evidence());
    assertTrue(
        report.timeline().stream().anyMatch(s -> s.step().equals("clean up rds:pitr-invalid-pitr")),
        report.timeline().toString());
    assertEquals("rds:pitr-invalid-pitr", report.cleanup().get(0).resource());
  }

  @Test
  void aCompletedRestoreIsReportedThroughItsMapping(WorkflowClient client, Worker worker)
      throws Exception {
    pitr(client, worker, "pitr-done").run(PointInTimeRestoreInput.latest("inventory"));

    RunReportFiles files = report(client, worker, "pitr-done", true);
    assertEquals("COMPLETED", files.state());
    assertEquals("SUCCEEDED", files.outcome());
    RunReport report = JsonReport.parse(Files.readString(Path.of(files.files().json())));
    assertEquals(1, report.objectives().size(), "RTO and RPO against the catalog's objectives");
    assertTrue(
        Files.readString(Path.of(files.review())).contains("Next drill: 2030-01-01 00:00:00Z"));
  }

  @Test
  void refusesARunThatIsNotThereAndOneWithNoReport(WorkflowClient client, Worker worker) {
    WorkflowFailedException missing =
        assertThrows(
            WorkflowFailedException.class,
            () -> report(client, worker, "no-such-run", false, "report-missing"));
    assertEquals("no run with id no-such-run", Failures.rootMessage(missing));
    assertEquals(RunReportReader.NOT_FOUND, Failures.rootType(missing));

    WorkflowFailedException none =
        assertThrows(
            WorkflowFailedException.class, () -> report(client, worker, "report-missing", false));
    assertEquals(RunReportReader.NO_REPORT, Failures.rootType(none));
    assertTrue(
        Failures.rootMessage(none)
            .startsWith("report-missing is a WriteRunReport run: there is no report"),
        Failures.rootMessage(none));
  }

  private static RunReportFiles report(
      WorkflowClient client, Worker worker, String workflowId, boolean review) {
    return report(
        client, worker, workflowId, review, "report-" + workflowId + "-" + System.nanoTime());
  }

  private static RunReportFiles report(
      WorkflowClient client, Worker worker, String workflowId, boolean review, String reportId) {
    WriteRunReportWorkflow wf =
        client.newWorkflowStub(
            WriteRunReportWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId(reportId)
                .build());
    return wf.write(
        new RunReportRequest(
            workflowId,
            null,
            review,
            review
                ? FollowUpDrill.scheduled(
                    "dr-monthly-dr-drill", Instant.parse("2030-01-01T00:00:00Z"))
                : null));
  }

  private static PointInTimeRestoreWorkflow pitr(
      WorkflowClient client, Worker worker, String workflowId) {
    return client.newWorkflowStub(
        PointInTimeRestoreWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(worker.getTaskQueue())
            .setWorkflowId(workflowId)
            .build());
  }
}
