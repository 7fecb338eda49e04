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

  /**
   * The checks as a table; a check's detail (why it failed, what an apply would meet) and any value
   * longer than {@value TableNotes#WIDEST_CELL} characters are numbered notes under the table
   * ({@link TableNotes}).
   */
  static String render(BackupPolicyResult result) {
    Table table =
        new Table("SERVICE", "RESOURCE", "CHECK", "EXPECTED", "FOUND", "ACTION", "NOW", "NOTE");
    TableNotes notes = new TableNotes();
    for (PolicyCheck c : result.checks()) {
      String subject = c.resource() + " " + c.check();
      String expected = notes.cell(c.expected(), null, subject + " expected");
      String found = notes.cell(c.found(), c.expected(), subject + " found");
      String now = notes.cell(c.after(), c.expected(), subject + " now");
      String note = c.detail() == null ? null : notes.add(subject + ": " + c.detail());
      table.row(c.service(), c.resource(), c.check(), expected, found, c.action(), now, note);
    }
    StringBuilder out = new StringBuilder(table.render());
    if (!notes.isEmpty()) out.append('\n').append(notes.text());
    out.append(
        String.format(
            "%nBackup policy %s of %s: %s%n",
            result.mode(), String.join(", ", result.services()), result.summary()));
    return out.toString();
  }
}
