package dev.drrunbooks.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.report.ReportActivities;
import dev.drrunbooks.activities.report.ReportFiles;
import dev.drrunbooks.report.ReportFixtures;
import dev.drrunbooks.report.RunReport;
import dev.drrunbooks.report.TestReports;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportActivitiesImplTest {
  @TempDir Path dir;

  @Test
  void writesTheThreeFormatsIntoTheRunsFolder() throws IOException {
    RunReport report =
        TestReports.from(ReportFixtures.pitrThatMissedItsRto(), "pitr-inventory-20240115T0330Z");
    ReportFiles files = new ReportActivitiesImpl(dir).write(report);

    Path folder = dir.resolve("pitr-inventory-20240115T0330Z");
    assertEquals(folder.toString(), files.directory());
    assertEquals(folder.resolve("report.md").toString(), files.markdown());
    assertEquals(MarkdownReport.render(report), Files.readString(Path.of(files.markdown())));
    assertEquals(report, JsonReport.parse(Files.readString(Path.of(files.json()))));
    assertTrue(
        Files.readString(Path.of(files.html())).contains("data-objective=\"rto\">BREACHED</td>"));
  }

  @Test
  void writingAgainOverwritesAndLeavesNoTemporaryFiles() throws IOException {
    ReportActivitiesImpl activities = new ReportActivitiesImpl(dir);
    RunReport first = TestReports.from(ReportFixtures.backupValidation(), "bv-1");
    activities.write(first);
    RunReport second =
        TestReports.failed(
            "bv-1",
            "backup-validation",
            "Backup validation of inventory",
            null,
            null,
            "snapshot: no available snapshot",
            null);
    ReportFiles files = activities.write(second);

    assertTrue(Files.readString(Path.of(files.markdown())).contains("no available snapshot"));
    try (Stream<Path> all = Files.list(dir.resolve("bv-1"))) {
      assertEquals(
          List.of("report.html", "report.json", "report.md"),
          all.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void aWorkflowIdCannotReachOutsideTheReportDirectory() {
    assertEquals(
        dir.resolve("_.._etc_passwd"), ReportActivitiesImpl.folderOf(dir, "/../etc/passwd"));
    assertEquals(dir.resolve("__"), ReportActivitiesImpl.folderOf(dir, ".."));
    assertEquals(
        dir.resolve("dns-failover-api.mycomputer.com"),
        ReportActivitiesImpl.folderOf(dir, "dns-failover-api.mycomputer.com"));
  }

  @Test
  void aReportWithoutAWorkflowIdIsRefused() {
    var e =
        assertThrows(
            io.temporal.failure.ApplicationFailure.class,
            () -> new ReportActivitiesImpl(dir).write(RunReport.builder(" ", "pitr", "x").build()));
    assertTrue(e.isNonRetryable());
  }

  /**
   * Through Temporal's data converter, as a workflow would call it: the report survives the trip.
   */
  @Test
  void worksAsAnActivity() throws IOException {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(new ReportActivitiesImpl(dir));
      ReportActivities activities =
          env.newActivityStub(
              ReportActivities.class,
              io.temporal.activity.ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(java.time.Duration.ofSeconds(10))
                  .build());
      RunReport report =
          TestReports.from(
              ReportFixtures.failoverWithHostileStrings(), "dns-failover-api.mycomputer.com");
      ReportFiles files = activities.write(report);
      assertEquals(report, JsonReport.parse(Files.readString(Path.of(files.json()))));
    } finally {
      env.close();
    }
  }
}
