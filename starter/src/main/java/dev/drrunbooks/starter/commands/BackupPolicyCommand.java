package dev.drrunbooks.starter.commands;

import dev.drrunbooks.backuppolicy.BackupPolicy;
import dev.drrunbooks.backuppolicy.BackupPolicyInput;
import dev.drrunbooks.backuppolicy.BackupPolicyResult;
import dev.drrunbooks.backuppolicy.PolicyCheck;
import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.RunStarter;
import dev.drrunbooks.starter.StartCheck;
import dev.drrunbooks.starter.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "backup-policy")
public final class BackupPolicyCommand extends ConnectedCommand {
  @Option(names = "--service", defaultValue = "all")
  String service;

  @Option(names = "--apply")
  boolean apply;

  @Option(names = "--no-wait")
  boolean noWait;

  @Override
  public Integer call() {
    BackupPolicyInput in = new BackupPolicyInput(service, apply);
    // What the run would refuse is refused here, before connecting: no run is created.
    StartCheck.check(spec, connection, BackupPolicy.PROCEDURE, in, null);
    try (Connection conn = connection) {
      RunStarter runs =
          new RunStarter(
              connection, spec.commandLine().getOut(), spec.commandLine().getErr(), json.on());
      String subject = (apply ? "apply-" : "audit-") + service;
      return runs.start(
          BackupPolicy.PROCEDURE,
          service,
          subject,
          in,
          noWait,
          result -> {
            if (!json.on()) print(result);
            return result.failed() > 0 ? ExitCodes.OUTCOME_NOT_SUCCESS : ExitCodes.OK;
          });
    }
  }

  private void print(BackupPolicyResult result) {
    spec.commandLine().getOut().print(render(result));
  }

  /** Longer values (a whole replication rule, a KMS key ARN) are notes under the table. */
  static final int WIDEST_CELL = 40;

  /**
   * The checks as a table; a check's detail (why it failed, what an apply would meet) and any value
   * longer than {@value #WIDEST_CELL} characters are numbered notes under the table, so one long
   * value does not widen every row. A long value found as expected reads "(as expected)".
   */
  static String render(BackupPolicyResult result) {
    Table table =
        new Table("SERVICE", "RESOURCE", "CHECK", "EXPECTED", "FOUND", "ACTION", "NOW", "NOTE");
    Notes notes = new Notes();
    for (PolicyCheck c : result.checks()) {
      String subject = c.resource() + " " + c.check();
      String expected = notes.cell(c.expected(), null, subject + " expected");
      String found = notes.cell(c.found(), c.expected(), subject + " found");
      String now = notes.cell(c.after(), c.expected(), subject + " now");
      String note = c.detail() == null ? null : notes.add(subject + ": " + c.detail());
      table.row(c.service(), c.resource(), c.check(), expected, found, c.action(), now, note);
    }
    StringBuilder out = new StringBuilder(table.render());
    if (!notes.isEmpty()) out.append('\n').append(notes.text);
    out.append(
        String.format(
            "%nBackup policy %s of %s: %s%n",
            result.mode(), String.join(", ", result.services()), result.summary()));
    return out.toString();
  }

  /** The numbered notes under the table. */
  private static final class Notes {
    private final StringBuilder text = new StringBuilder();
    private int count;

    String add(String note) {
      String ref = "[" + ++count + "]";
      text.append(ref).append(' ').append(note).append('\n');
      return ref;
    }

    /**
     * {@code value} itself when short; else "(as expected)" when it is {@code expected}, else a
     * note.
     */
    String cell(String value, String expected, String label) {
      if (value == null || value.length() <= WIDEST_CELL) return value;
      if (value.equals(expected)) return "(as expected)";
      return add(label + ": " + value);
    }

    boolean isEmpty() {
      return count == 0;
    }
  }
}
