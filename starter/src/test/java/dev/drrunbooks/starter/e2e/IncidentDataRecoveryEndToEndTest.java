package dev.drrunbooks.starter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.datarecovery.CorruptedDataRecoveryResult;
import dev.drrunbooks.datarecovery.CorruptedDataRecoveryWorkflow;
import dev.drrunbooks.datarecovery.CorruptedDataRecoveryWorkflowImpl;
import dev.drrunbooks.datarecovery.DataRecoveryOutcome;
import dev.drrunbooks.datarecovery.DataRecoveryStatus;
import dev.drrunbooks.model.ResourceNames;
import dev.drrunbooks.sandbox.SandboxDatabases;
import dev.drrunbooks.testing.SandboxEnv;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The runbook's hardest hour end to end on the sandbox's Temporal server: an incident opened, a
 * corrupted-data recovery started from it, both of its gates approved through the starter, the
 * incident verified and resolved, and the post-incident review written. The corruption is an ETL
 * job that wrote bogus stock movements into the inventory database at a known time, with good
 * transactions after it.
 */
@ResourceLock(value = SandboxLocks.RUN_LISTINGS, mode = ResourceAccessMode.READ)
class IncidentDataRecoveryEndToEndTest {
  private static final String BAD_ACTOR = "etl:e2e-stock-import";
  private final SandboxEnv env = SandboxEnv.get();

  @Test
  void anIncidentRecoversCorruptedDataWithTwoApprovalsAndEndsWithItsReview() throws Exception {
    Instant corruption =
        Instant.now().minus(Duration.ofMinutes(3)).truncatedTo(ChronoUnit.SECONDS).plusMillis(500);
    Set<String> good = new HashSet<>();
    Set<String> bogus = new HashSet<>();
    corrupt(corruption, good, bogus);

    try (SandboxWorker worker = new SandboxWorker()) {
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder()
                  .setTarget(env.require("TEMPORAL_ADDRESS"))
                  .build());
      WorkflowClient client =
          WorkflowClient.newInstance(
              stubs,
              WorkflowClientOptions.newBuilder()
                  .setNamespace(env.get("TEMPORAL_NAMESPACE", "default"))
                  .build());
      String incident = null;
      try {
        CliRun opened =
            CliRun.of(
                worker.connectionArgs(),
                "incident",
                "open",
                "--severity",
                "P1",
                "--service",
                "inventory",
                "--summary",
                "stock levels wrong after the nightly import");
        assertEquals(0, opened.exitCode(), opened.toString());
        Matcher id = Pattern.compile("Incident (\\S+) open").matcher(opened.out());
        assertTrue(id.find(), opened.toString());
        incident = id.group(1);

        CliRun ack =
            CliRun.of(
                worker.connectionArgs(),
                "incident",
                "ack",
                incident,
                "--who",
                "alice",
                "--why",
                "paged");
        for (int i = 0;
            i < 40 && ack.err().contains("still opening");
            i++) { // as a bot would: retry in a moment
          Thread.sleep(250);
          ack =
              CliRun.of(
                  worker.connectionArgs(),
                  "incident",
                  "ack",
                  incident,
                  "--who",
                  "alice",
                  "--why",
                  "paged");
        }
        assertEquals(0, ack.exitCode(), ack.toString());
        CliRun recover =
            CliRun.of(
                worker.connectionArgs(),
                "incident",
                "recover",
                incident,
                "data",
                "--service",
                "inventory",
                "--corruption-time",
                corruption.toString(),
                "--who",
                "alice",
                "--why",
                "bogus stock movements since the import");
        assertEquals(0, recover.exitCode(), recover.toString());
        String child = incident + "-data-inventory";
        assertTrue(recover.out().contains(child), recover.toString());

        CorruptedDataRecoveryWorkflow recovery =
            client.newWorkflowStub(CorruptedDataRecoveryWorkflow.class, child);
        DataRecoveryStatus proposed =
            awaitGate(recovery, CorruptedDataRecoveryWorkflowImpl.CONFIRM_STEP);
        assertEquals(corruption, proposed.corruptionTime(), proposed.toString());
        CliRun first =
            CliRun.of(
                worker.connectionArgs(),
                "approve",
                child,
                "--step",
                CorruptedDataRecoveryWorkflowImpl.CONFIRM_STEP,
                "--who",
                "alice",
                "--why",
                "the import started then");
        assertEquals(0, first.exitCode(), first.toString());

        DataRecoveryStatus planned =
            awaitGate(recovery, CorruptedDataRecoveryWorkflowImpl.REPLAY_STEP);
        assertEquals(bogus.size(), planned.plan().skip().size(), planned.plan().summary());
        CliRun second =
            CliRun.of(
                worker.connectionArgs(),
                "approve",
                child,
                "--step",
                CorruptedDataRecoveryWorkflowImpl.REPLAY_STEP,
                "--who",
                "bob",
                "--why",
                "the plan skips the import's rows");
        assertEquals(0, second.exitCode(), second.toString());

        for (int i = 0; i < 240 && !recovered(worker, incident); i++) Thread.sleep(250);
        CliRun verify =
            CliRun.of(
                worker.connectionArgs(),
                "incident",
                "verify",
                incident,
                "--who",
                "alice",
                "--why",
                "stock levels match the warehouse count");
        assertEquals(0, verify.exitCode(), verify.toString());
        CliRun resolve =
            CliRun.of(
                worker.connectionArgs(),
                "incident",
                "resolve",
                incident,
                "--who",
                "alice",
                "--why",
                "data recovered",
                "--root-cause",
                "the nightly import ran twice");

        assertEquals(0, resolve.exitCode(), resolve.toString());
        Matcher report = Pattern.compile("Report: (\\S+)").matcher(resolve.out());
        assertTrue(report.find(), resolve.toString());
        String review = Files.readString(Path.of(report.group(1)));
        assertTrue(review.contains("the nightly import ran twice"), review);
        assertTrue(review.contains(child), review);
        String resolved = incident;
        incident = null;

        assertRecoveredHolds(recoveredInstance(child), good, bogus);
        CorruptedDataRecoveryResult result =
            client.newUntypedWorkflowStub(child).getResult(CorruptedDataRecoveryResult.class);
        assertEquals(DataRecoveryOutcome.RECOVERED, result.outcome(), result.summary());
        assertTrue(
            result.integrityAfterReplay().passed() && result.verification().passed(),
            result.summary());
        assertReports(worker, child, resolved);
      } finally {
        endIfStillOpen(client, incident);
        stubs.shutdown();
      }
    }
  }

  /**
   * dr report works for both runs: the data recovery and the incident, each with its post-incident
   * review.
   */
  private static void assertReports(SandboxWorker worker, String recovery, String incident)
      throws Exception {
    CliRun data = CliRun.of(worker.connectionArgs(), "report", recovery, "--review");
    assertEquals(0, data.exitCode(), data.toString());
    assertTrue(
        data.out()
            .contains("Report of " + recovery + " (CorruptedDataRecovery, COMPLETED): RECOVERED"),
        data.toString());
    String md = Files.readString(written(data, "report.md"));
    assertTrue(md.contains("| inventory | rows right after the replay |"), md);
    assertTrue(md.contains("Corruption time "), md);
    assertTrue(
        Files.readString(written(data, "post-incident-review.md"))
            .contains("## 1. Timeline of events"));

    CliRun resolved = CliRun.of(worker.connectionArgs(), "report", incident, "--review");
    assertEquals(0, resolved.exitCode(), resolved.toString());
    assertTrue(
        resolved
            .out()
            .contains("Report of " + incident + " (IncidentResponse, COMPLETED): RESOLVED"),
        resolved.toString());
    String incidentMd = Files.readString(written(resolved, "report.md"));
    assertTrue(incidentMd.contains("Recovery " + recovery + " ("), incidentMd);
    assertTrue(incidentMd.contains("resolved by alice"), "the incident's timeline:\n" + incidentMd);
  }

  private static Path written(CliRun run, String name) {
    Matcher m =
        Pattern.compile("^  (\\S+/" + Pattern.quote(name) + ")$", Pattern.MULTILINE)
            .matcher(run.out());
    assertTrue(m.find(), name + " is printed: " + run);
    return Path.of(m.group(1));
  }

  /**
   * A failed run of this test must not leave its incident open (its id would refuse the next run
   * this minute).
   */
  private static void endIfStillOpen(WorkflowClient client, String incident) {
    if (incident == null) return;
    try {
      client.newUntypedWorkflowStub(incident).terminate("end of test");
    } catch (RuntimeException alreadyClosed) {
      // resolved as the test intended
    }
  }

  private boolean recovered(SandboxWorker worker, String incident) {
    CliRun status = CliRun.of(worker.connectionArgs(), "incident", "status", incident);
    return status.out().contains("RECOVERED");
  }

  /**
   * The instance the data recovery's PITR child restores: named from its id, as the procedure names
   * it.
   */
  private static String recoveredInstance(String child) {
    return ResourceNames.rds(child + "-pitr", "pitr");
  }

  private static DataRecoveryStatus awaitGate(CorruptedDataRecoveryWorkflow wf, String step)
      throws InterruptedException {
    DataRecoveryStatus s = null;
    for (int i = 0; i < 240; i++) {
      try {
        s = wf.status();
        if (s.waitingFor() != null && s.waitingFor().step().equals(step)) return s;
      } catch (RuntimeException notYet) {
        // the child may not have started its first task yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError("never reached gate " + step + ": " + s);
  }

  /** The ETL's bad rows at the corruption time, with good transactions before and after it. */
  private void corrupt(Instant at, Set<String> good, Set<String> bogus) throws Exception {
    String tag = Long.toString(System.nanoTime(), 36);
    try (Connection c = db(env.require("DR_DB_NAME"))) {
      long base;
      try (ResultSet rs =
          c.createStatement()
              .executeQuery("SELECT coalesce(max(id), 0) + 1000 FROM inventory_transactions")) {
        rs.next();
        base = rs.getLong(1);
      }
      audit(c, at, BAD_ACTOR, "BULK_UPDATE", "inventory_items", null);
      for (int k = 1; k <= 8; k++) {
        boolean bad = k % 3 == 0;
        String ref = (bad ? "ETL-" : "GOOD-") + tag + "-" + k;
        Instant when = at.plusSeconds(5L * k);
        try (PreparedStatement st =
            c.prepareStatement(
                "INSERT INTO inventory_transactions (id, item_id, quantity_delta, transaction_date,"
                    + " reference) VALUES (?, ?, ?, ?, ?)")) {
          st.setLong(1, base + k);
          st.setLong(2, 1 + k);
          st.setInt(3, bad ? 500 : 1);
          st.setTimestamp(4, Timestamp.from(when));
          st.setString(5, ref);
          st.executeUpdate();
        }
        c.createStatement()
            .executeUpdate(
                "UPDATE inventory_items SET quantity = quantity + "
                    + (bad ? 500 : 1)
                    + " WHERE id = "
                    + (1 + k));
        audit(
            c,
            when,
            bad ? BAD_ACTOR : "inventory-service",
            "INSERT",
            "inventory_transactions",
            base + k);
        (bad ? bogus : good).add(ref);
      }
    }
  }

  private static void audit(
      Connection c, Instant at, String actor, String action, String table, Long row)
      throws Exception {
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO audit_log (created_at, actor, action, table_name, "
                + "row_id, details) VALUES (?, ?, ?, ?, ?, '{}'::jsonb)")) {
      st.setTimestamp(1, Timestamp.from(at));
      st.setString(2, actor);
      st.setString(3, action);
      st.setString(4, table);
      if (row == null) st.setNull(5, java.sql.Types.BIGINT);
      else st.setLong(5, row);
      st.executeUpdate();
    }
  }

  /** The recovered database: every good transaction once, none of the import's. */
  private void assertRecoveredHolds(String instance, Set<String> good, Set<String> bogus)
      throws Exception {
    try (Connection c = db(SandboxDatabases.cloneName(instance));
        PreparedStatement st =
            c.prepareStatement(
                "SELECT reference, count(*) FROM inventory_transactions WHERE reference = ANY(?)"
                    + " GROUP BY reference")) {
      Set<String> all = new HashSet<>(good);
      all.addAll(bogus);
      st.setArray(1, c.createArrayOf("text", all.toArray()));
      Set<String> found = new HashSet<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          assertEquals(1, rs.getLong(2), "replayed once: " + rs.getString(1));
          found.add(rs.getString(1));
        }
      }
      assertEquals(
          good, found, "every good transaction after the corruption, none of the import's");
    }
  }

  private Connection db(String name) throws Exception {
    return DriverManager.getConnection(
        "jdbc:postgresql://"
            + env.require("DR_DB_HOST")
            + ":"
            + env.require("DR_DB_PORT")
            + "/"
            + name,
        env.require("DR_DB_USER"),
        env.require("DR_DB_PASSWORD"));
  }
}
