package dev.drrunbooks.starter.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.sql.QueryOutcome;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.bootstrap.catalog.CatalogLoader;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.catalog.Objectives;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.RecoveryObjectives;
import dev.drrunbooks.model.TimelineEntry;
import dev.drrunbooks.pitr.PointInTimeRestoreReport;
import dev.drrunbooks.pitr.PointInTimeRestoreResult;
import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.reporting.HtmlReport;
import dev.drrunbooks.starter.DrCli;
import dev.drrunbooks.starter.e2e.SandboxLocks;
import dev.drrunbooks.testing.SandboxEnv;
import dev.drrunbooks.worker.DrWorker;
import dev.drrunbooks.worker.DrWorkerFactory;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The HTML report as a person sees it: rendered by headless Chromium and saved as a screenshot
 * under {@code starter/target/report-screenshots/}. One from a real sandbox run (the weekly backup
 * test, then {@code dr report}), one of a restore that missed its RTO. Chromium must be installed
 * ({@code deploy/local/ensure-chromium}); the sandbox must be up (fails, never skips).
 */
public class HtmlReportScreenshotTest {
  public static final Path SHOTS =
      Path.of(System.getProperty("basedir", "."), "target", "report-screenshots");
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @Test
  @ResourceLock(value = SandboxLocks.INVENTORY_SNAPSHOTS, mode = ResourceAccessMode.READ)
  void aSandboxBackupValidationReportOpensInHeadlessChromium() throws Exception {
    SandboxEnv env = SandboxEnv.get();
    String taskQueue = "dr-report-" + Long.toString(System.nanoTime(), 36);
    Map<String, String> workerEnv = new HashMap<>(env.all());
    workerEnv.put("DR_SANDBOX_RESTORE_SECONDS", "6"); // a wait worth a bar on the chart
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(env.require("TEMPORAL_ADDRESS"))
                .build());
    WorkerFactory factory = DrWorkerFactory.create(stubs, env.get("TEMPORAL_NAMESPACE", "default"));
    try (AwsClients aws =
        new AwsClients(
            URI.create(env.require("AWS_ENDPOINT_URL")),
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(
                    env.require("AWS_ACCESS_KEY_ID"), env.require("AWS_SECRET_ACCESS_KEY"))))) {
      DrWorker.register(
          factory.newWorker(taskQueue),
          CatalogLoader.load(CatalogFixture.path()),
          CatalogFixture.path().toString(),
          aws,
          workerEnv);
      factory.start();
      String[] connection = {
        "--address",
        env.require("TEMPORAL_ADDRESS"),
        "--task-queue",
        taskQueue,
        "--ui",
        env.get("TEMPORAL_UI_URL", ""),
        "--catalog",
        CatalogFixture.path().toString()
      };

      Cli validate = Cli.run(connection, "validate-backups", "--service", "inventory");
      assertEquals(0, validate.code, validate.toString());
      Matcher m = Pattern.compile("workflow (\\S+) run (\\S+)").matcher(validate.out);
      assertTrue(m.find(), validate.toString());
      String workflowId = m.group(1);

      Path out = Path.of(System.getProperty("basedir", "."), "target", "reports", workflowId);
      Cli report = Cli.run(connection, "report", workflowId, "--out", out.toString());
      assertEquals(0, report.code, report.toString());
      assertTrue(
          report.out.contains(
              "Report of " + workflowId + " (BackupValidation, COMPLETED): SUCCEEDED"),
          report.toString());
      for (String name : List.of("report.md", "report.json", "report.html")) {
        assertTrue(
            report.out.contains(out.resolve(name).toString()),
            "prints where it wrote " + name + "\n" + report);
        assertTrue(Files.size(out.resolve(name)) > 500, name);
      }
      String html = Files.readString(out.resolve("report.html"));
      assertTrue(html.contains("<h1>Backup validation of inventory</h1>"), html);
      int steps = count(html, "<tr class=\"step ");
      assertTrue(steps >= 4, "pick, restore, wait, validate, clean up: " + steps);
      assertEquals(steps, count(html, "<rect class=\"bar "), "one bar per step");
      assertEquals(1, count(html, "<line class=\"rto-line"), "the catalog's RTO (30m) as a line");
      assertTrue(html.contains("Everything this run created is gone."), html);

      Cli review = Cli.run(connection, "report", workflowId, "--review", "--out", out.toString());
      assertEquals(2, review.code, review.toString());
      assertTrue(
          review.err.contains("a post-incident review is over a failover or restore run"),
          review.toString());

      Cli missing = Cli.run(connection, "report", "no-such-run-" + taskQueue);
      assertEquals(4, missing.code, "not found: " + missing);
      assertTrue(missing.err.contains("no run with id no-such-run-"), missing.toString());

      assertScreenshot(
          screenshot(out.resolve("report.html"), SHOTS.resolve("backup-validation-sandbox.png")));
    } finally {
      factory.shutdown();
      factory.awaitTermination(10, TimeUnit.SECONDS);
      stubs.shutdown();
    }
  }

  /** A restore that missed its RTO: what a breach looks like to the person reading it. */
  @Test
  void aMissedRtoReportOpensInHeadlessChromium() throws Exception {
    Instant incident = Instant.parse("2026-11-27T03:10:00Z");
    Instant start = Instant.parse("2026-11-27T03:18:00Z");
    List<TimelineEntry> timeline =
        List.of(
            step(
                start,
                0,
                0,
                "resolve inventory",
                Outcome.SUCCEEDED,
                "mycomputer-inventory-db in eu-west-1"),
            step(
                start,
                0,
                1,
                "check the restorable window",
                Outcome.SUCCEEDED,
                "2026-11-20T03:18Z .. 2026-11-27T03:13Z"),
            step(
                start,
                1,
                2,
                "restore to 2026-11-27T03:04:00Z as pitr-inventory-20261127T0318Z-restored",
                Outcome.SUCCEEDED,
                "creating"),
            step(
                start,
                2,
                29,
                "wait until pitr-inventory-20261127T0318Z-restored is available",
                Outcome.SUCCEEDED,
                "available after 27m (storage-optimization)"),
            step(start, 29, 31, "validate data", Outcome.SUCCEEDED, "all 3 checks passed"));
    ValidationReport validation =
        ValidationReport.of(
            List.of(
                new QueryOutcome(
                    "items present",
                    "SELECT count(*) FROM inventory_items",
                    "> 0",
                    200L,
                    null,
                    true,
                    null),
                new QueryOutcome(
                    "transactions since restore point",
                    "SELECT count(*) FROM inventory_transactions",
                    "= source",
                    2990L,
                    2990L,
                    true,
                    null),
                new QueryOutcome(
                    "audit log present",
                    "SELECT count(*) FROM audit_log",
                    "> 0",
                    3211L,
                    null,
                    true,
                    null)));
    PointInTimeRestoreResult result =
        new PointInTimeRestoreResult(
            "inventory",
            "mycomputer-inventory-db",
            "pitr-inventory-20261127T0318Z-restored",
            "pitr-inventory-20261127T0318Z-restored.c1.eu-west-1.rds.amazonaws.com",
            5432,
            Instant.parse("2026-11-27T03:04:00Z"),
            null,
            validation,
            RecoveryObjectives.measure(
                new Objectives(Duration.ofMinutes(30), Duration.ofMinutes(15)),
                incident,
                start,
                start.plus(Duration.ofMinutes(29)),
                Instant.parse("2026-11-27T03:04:00Z")),
            timeline,
            "Restored inventory to 2026-11-27T03:04:00Z; RTO 37m against 30m",
            null,
            null,
            null);
    String html =
        HtmlReport.render(
            PointInTimeRestoreReport.MAPPING.report(
                result, ReportContext.of("pitr-inventory-20261127T0318Z")));
    Path file =
        Path.of(
            System.getProperty("basedir", "."), "target", "reports", "rto-breached", "report.html");
    Files.createDirectories(file.getParent());
    Files.writeString(file, html);
    assertScreenshot(screenshot(file, SHOTS.resolve("rto-breached.png")));
  }

  private static TimelineEntry step(
      Instant start, int from, int to, String name, Outcome outcome, String detail) {
    return new TimelineEntry(
        name,
        start.plus(Duration.ofMinutes(from)),
        start.plus(Duration.ofMinutes(to)),
        outcome,
        detail);
  }

  /** Runs headless Chromium on the page; returns the PNG. */
  public static Path screenshot(Path page, Path png) throws IOException, InterruptedException {
    Files.createDirectories(png.getParent());
    Files.deleteIfExists(png);
    Path profile = Files.createTempDirectory("dr-report-chromium-");
    Path log = png.resolveSibling(png.getFileName() + ".chromium.log");
    List<String> command =
        new ArrayList<>(
            List.of(
                chromium(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--user-data-dir=" + profile,
                "--screenshot=" + png.toAbsolutePath(),
                "--window-size=1280,1600",
                page.toAbsolutePath().toUri().toString()));
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(
            "Chromium did not finish the screenshot in 90 s: "
                + command
                + "\n"
                + Files.readString(log));
      }
      assertTrue(
          Files.isRegularFile(png),
          "Chromium (exit "
              + p.exitValue()
              + ") wrote no screenshot: "
              + command
              + "\n"
              + Files.readString(log));
    } finally {
      deleteProfile(profile);
    }
    return png;
  }

  /**
   * Deletes a Chromium profile folder, as far as it can (what cannot be deleted is left). A file
   * that disappears meanwhile, removed by a Chromium helper process still ending, is no error.
   */
  public static void deleteProfile(Path profile) throws IOException {
    Files.walkFileTree(
        profile,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            file.toFile().delete();
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null && !(e instanceof NoSuchFileException)) throw e;
            dir.toFile().delete();
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** A real PNG of the window's size with more than a blank page in it. */
  public static void assertScreenshot(Path png) throws IOException {
    byte[] bytes = Files.readAllBytes(png);
    assertTrue(bytes.length > 20_000, png + " is only " + bytes.length + " bytes: a blank page?");
    for (int i = 0; i < PNG_SIGNATURE.length; i++)
      assertEquals(PNG_SIGNATURE[i], bytes[i], png + " is not a PNG");
    ByteBuffer ihdr = ByteBuffer.wrap(bytes, 16, 8);
    assertEquals(1280, ihdr.getInt(), "width");
    assertEquals(1600, ihdr.getInt(), "height");
  }

  /**
   * -Ddr.chromium, then DR_CHROMIUM, then chromium, chromium-browser, google-chrome on the PATH.
   */
  public static String chromium() {
    String configured = System.getProperty("dr.chromium", System.getenv("DR_CHROMIUM"));
    if (configured != null && !configured.isBlank()) return configured;
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name :
          List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) return candidate.toString();
      }
    }
    throw new AssertionError(
        "No Chromium found on the PATH (nor -Ddr.chromium / DR_CHROMIUM): this test opens the HTML "
            + "report in headless Chromium. Install it with deploy/local/ensure-chromium");
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
    return n;
  }

  /** One invocation of the starter as an operator would type it. */
  private record Cli(int code, String out, String err) {
    static Cli run(String[] connection, String... args) {
      List<String> all = new ArrayList<>(List.of(args));
      all.addAll(List.of(connection));
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      var cli = DrCli.commandLine();
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      int code = cli.execute(all.toArray(String[]::new));
      return new Cli(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
  }
}
