package dev.drrunbooks.starter.e2e;

import dev.drrunbooks.activities.ledger.LedgerReceipt;
import dev.drrunbooks.ledger.SandboxLedger;
import io.temporal.client.WorkflowClient;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the evidence ledger (the sandbox's database dr_ledger) holds of a procedure run: its row is
 * written by the run's abandoned {@code RecordRunEvidence} child, {@code ledger-<workflow id>}, on
 * the worker's task queue, after the run itself has ended.
 */
final class LedgerRows {
  private static final Pattern STARTED = Pattern.compile("workflow (\\S+) run ");

  private LedgerRows() {}

  /** The workflow id a starting command printed ("Started ...: workflow ID run ..."). */
  static String workflowIdOf(CliRun run) {
    Matcher m = STARTED.matcher(run.out());
    if (!m.find()) throw new AssertionError("no workflow id in the output:\n" + run);
    return m.group(1);
  }

  /** Waits for the run's ledger write to end (up to a minute) and gives its receipt. */
  static LedgerReceipt receipt(WorkflowClient client, String workflowId) throws TimeoutException {
    return client
        .newUntypedWorkflowStub("ledger-" + workflowId)
        .getResult(60, TimeUnit.SECONDS, LedgerReceipt.class);
  }

  /**
   * The run's approval rows in the order decided, each as "step decision who verified channel"
   * ({@code confirm-restore-point APPROVED operator:alice true dr approve (update)}).
   */
  static List<String> approvals(String workflowId) throws SQLException {
    return SandboxLedger.select(
        "SELECT step, decision, who, verified, channel FROM dr_ledger.run_approvals"
            + " WHERE workflow_id = ? ORDER BY seq",
        workflowId,
        rs -> {
          List<String> out = new ArrayList<>();
          while (rs.next())
            out.add(
                String.join(
                    " ",
                    rs.getString("step"),
                    rs.getString("decision"),
                    rs.getString("who"),
                    String.valueOf(rs.getBoolean("verified")),
                    rs.getString("channel")));
          return out;
        });
  }

  /** The procedure key of each ledger row of the run (one, when all is well). */
  static List<String> procedures(String workflowId) throws SQLException {
    return SandboxLedger.select(
        "SELECT procedure FROM dr_ledger.runs WHERE workflow_id = ?",
        workflowId,
        rs -> {
          List<String> out = new ArrayList<>();
          while (rs.next()) out.add(rs.getString(1));
          return out;
        });
  }
}
