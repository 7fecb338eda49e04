package dev.drrunbooks.starter.commands;

import dev.drrunbooks.backuppolicy.BackupPolicyInput;
import dev.drrunbooks.backuppolicy.BackupPolicyResult;
import dev.drrunbooks.backuppolicy.BackupPolicyWorkflow;
import dev.drrunbooks.backuppolicy.PolicyCheck;
import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.RunStarter;
import dev.drrunbooks.starter.Table;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "backup-policy",
    description = "Audit (default) or enforce (--apply) RDS backup retention, window and IAM auth, automated backups "
        + "replicated to the DR region, S3 versioning and replication. Each setting is applied on its own: one "
        + "AWS refuses is reported, with why, and the rest are still enforced.")
public final class BackupPolicyCommand implements Callable<Integer> {
  @Mixin Connection connection;
  @Spec CommandSpec spec;

  @Option(names = "--service", defaultValue = "all", description = "Catalog service key, or all (default)")
  String service;

  @Option(names = "--apply", description = "Change what is off policy (default: audit only, change nothing)")
  boolean apply;

  @Option(names = "--no-wait", description = "Print the run id and link, do not wait for the result")
  boolean noWait;

  @Override
  public Integer call() {
    try (Connection conn = connection) {
      RunStarter runs = new RunStarter(connection, spec.commandLine().getOut(), spec.commandLine().getErr());
      String subject = (apply ? "apply-" : "audit-") + service;
      return runs.start("backup-policy", service, subject, BackupPolicyWorkflow.class,
          wf -> wf.run(new BackupPolicyInput(service, apply)), BackupPolicyResult.class, noWait,
          result -> {
            print(result);
            return result.failed() > 0 ? ExitCodes.OUTCOME_NOT_SUCCESS : ExitCodes.OK;
          });
    }
  }

  private void print(BackupPolicyResult result) {
    spec.commandLine().getOut().print(render(result));
  }

  /**
   * The checks as a table; a check's detail (why it failed, what an apply would meet) is a numbered
   * note under the table, so one long reason does not widen every row.
   */
  static String render(BackupPolicyResult result) {
    Table table = new Table("SERVICE", "RESOURCE", "CHECK", "EXPECTED", "FOUND", "ACTION", "NOW", "NOTE");
    StringBuilder notes = new StringBuilder();
    int n = 0;
    for (PolicyCheck c : result.checks()) {
      String note = null;
      if (c.detail() != null) {
        note = "[" + ++n + "]";
        notes.append(note).append(' ').append(c.resource()).append(' ').append(c.check()).append(": ")
            .append(c.detail()).append('\n');
      }
      table.row(c.service(), c.resource(), c.check(), c.expected(), c.found(), c.action(), c.after(), note);
    }
    StringBuilder out = new StringBuilder(table.render());
    if (n > 0) out.append('\n').append(notes);
    out.append(String.format("%nBackup policy %s of %s: %s%n", result.mode(), String.join(", ", result.services()),
        result.summary()));
    return out.toString();
  }
}
