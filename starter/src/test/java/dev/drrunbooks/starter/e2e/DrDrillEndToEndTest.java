package dev.drrunbooks.starter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.aws.ownedresources.OwnedResourceActivitiesImpl;
import dev.drrunbooks.model.Ownership;
import dev.drrunbooks.starter.report.HtmlReportScreenshotTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/**
 * The monthly drill end to end on the sandbox's Temporal server, through the starter: then, through
 * the AWS SDK, nothing carrying the run's tags is left, and its HTML report opens in headless
 * Chromium.
 */
@ResourceLock(SandboxLocks.INVENTORY_SNAPSHOTS)
class DrDrillEndToEndTest {
  private static SandboxWorker worker;

  @BeforeAll
  static void start() {
    worker = new SandboxWorker();
  }

  @AfterAll
  static void stop() {
    worker.close();
  }

  @Test
  void aDrillOfInventoryPassesLeavesNothingTaggedAndWritesItsReport() throws Exception {
    CliRun run;
    try (FreshSnapshot fresh = new FreshSnapshot(worker.aws)) {
      run = CliRun.of(worker.connectionArgs(), "drill", "--service", "inventory");
      assertTrue(run.out().contains(fresh.id), run.toString());
    }

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().contains("DR drill PASSED for inventory"), run.toString());
    Matcher id = Pattern.compile("workflow (\\S+) run").matcher(run.out());
    assertTrue(id.find(), run.toString());
    String workflowId = id.group(1);

    List<String> left =
        new OwnedResourceActivitiesImpl(worker.aws).ownedResources("eu-west-1", workflowId);
    assertEquals(List.of(), left, "nothing tagged with the drill's run may remain");
    long stacksOfRun =
        worker.aws.cloudFormation("eu-west-1").describeStacks().stacks().stream()
            .filter(s -> s.stackStatus() != StackStatus.DELETE_COMPLETE)
            .filter(
                s ->
                    s.tags().stream()
                        .anyMatch(
                            t ->
                                t.key().equals(Ownership.WORKFLOW_TAG)
                                    && t.value().equals(workflowId)))
            .count();
    assertEquals(0, stacksOfRun);
    boolean instancesOfRun =
        worker.aws.rds("eu-west-1").describeDBInstances().dbInstances().stream()
            .anyMatch(db -> db.dbInstanceIdentifier().startsWith(workflowId.toLowerCase()));
    assertTrue(!instancesOfRun, "no restored instance of the drill remains");

    Matcher report = Pattern.compile("Report: (\\S+report\\.html)").matcher(run.out());
    assertTrue(report.find(), run.toString());
    Path html = Path.of(report.group(1));
    assertTrue(Files.readString(html).contains("DR drill of inventory"), html.toString());
    // smoke-tested at the catalog's drillHealthUrl, which the sandbox's stand-in answers for; not
    // production
    assertTrue(
        Files.readString(html)
            .contains(
                "https://drill.mycomputer.com/"
                    + workflowId.toLowerCase()
                    + "-env/inventory/health"),
        html.toString());
    assertTrue(
        !Files.readString(html).contains("https://api.mycomputer.com/health"), html.toString());
    Path png =
        HtmlReportScreenshotTest.screenshot(
            html, HtmlReportScreenshotTest.SHOTS.resolve("dr-drill-sandbox.png"));
    HtmlReportScreenshotTest.assertScreenshot(png);
  }
}
