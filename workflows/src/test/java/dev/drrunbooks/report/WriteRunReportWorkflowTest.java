package dev.drrunbooks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drrunbooks.activities.report.ReportFiles;
import dev.drrunbooks.activities.report.RunReportActivities;
import dev.drrunbooks.activities.report.RunReportFiles;
import dev.drrunbooks.activities.report.RunReportRequest;
import dev.drrunbooks.replay.Histories;
import dev.drrunbooks.testing.TimeSkipping;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code dr report RUN}'s workflow: one activity on the worker, its answer passed back unchanged.
 */
class WriteRunReportWorkflowTest {
  @RegisterExtension
  static final TestWorkflowExtension temporal =
      TimeSkipping.extension(WriteRunReportWorkflowImpl.class);

  private final List<RunReportRequest> asked = new ArrayList<>();

  @BeforeEach
  void startWorker(TestWorkflowEnvironment env, Worker worker) {
    worker.registerActivitiesImplementations(
        (RunReportActivities)
            request -> {
              asked.add(request);
              return new RunReportFiles(
                  request.workflowId(),
                  "run-1",
                  "PointInTimeRestore",
                  "CANCELED",
                  "CANCELED",
                  false,
                  "cancelled during wait",
                  new ReportFiles(
                      "/reports/pitr-1",
                      "/reports/pitr-1/report.md",
                      "/reports/pitr-1/report.json",
                      "/reports/pitr-1/report.html"),
                  null,
                  null);
            });
    env.start();
  }

  @Test
  void asksTheWorkerForTheReportOfTheRunNamed(WorkflowClient client, Worker worker) {
    WriteRunReportWorkflow wf =
        client.newWorkflowStub(
            WriteRunReportWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .setWorkflowId("dr-report-pitr-1")
                .build());
    RunReportRequest request = new RunReportRequest("pitr-1", null, false, null);

    RunReportFiles files = wf.write(request);

    Histories.record(client, "dr-report-pitr-1", "write-run-report");
    assertEquals(List.of(request), asked);
    assertEquals("/reports/pitr-1/report.html", files.files().html());
    assertEquals("CANCELED", files.state());
  }
}
