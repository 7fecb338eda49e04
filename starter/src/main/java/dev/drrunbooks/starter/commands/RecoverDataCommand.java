package dev.drrunbooks.starter.commands;

import dev.drrunbooks.datarecovery.CorruptedDataRecoveryInput;
import dev.drrunbooks.datarecovery.CorruptedDataRecoveryWorkflowImpl;
import dev.drrunbooks.datarecovery.DataRecoveryOutcome;
import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.InputFile;
import dev.drrunbooks.starter.ResultPrinter;
import dev.drrunbooks.starter.RunStarter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "recover-data",
    description =
        "Corrupted-data recovery: find the corruption, restore before it (after approval), replay"
            + " the good later transactions (after approval).")
public final class RecoverDataCommand implements Callable<Integer> {
  @Mixin Connection connection;
  @Spec CommandSpec spec;

  @Option(names = "--service", description = "Catalog service key, e.g. inventory")
  String service;

  @Option(
      names = "--corruption-time",
      description = "When the corruption began (ISO-8601), if known")
  String corruptionTime;

  @Option(names = "--search-since", description = "How far back to search audit_log (ISO-8601)")
  String searchSince;

  @Option(
      names = "--approval-timeout",
      description = "How long each gate waits (default 30m), then aborts")
  String approvalTimeout;

  @Option(names = "--batch-size", description = "Transactions per replay batch (default 500)")
  Integer batchSize;

  @Option(
      names = "--input",
      description = "The workflow input as JSON (instead of the flags above)")
  Path input;

  @Option(
      names = "--no-wait",
      description = "Print the run id and link, do not wait for the result")
  boolean noWait;

  @Override
  public Integer call() {
    InputFile.requireService(spec, input, service);
    CorruptedDataRecoveryInput in =
        input != null
            ? InputFile.read(spec, input, CorruptedDataRecoveryInput.class)
            : new CorruptedDataRecoveryInput(
                service, corruptionTime, searchSince, approvalTimeout, batchSize);
    try (Connection conn = connection) {
      RunStarter runs =
          new RunStarter(conn, spec.commandLine().getOut(), spec.commandLine().getErr());
      if (!noWait) {
        spec.commandLine()
            .getOut()
            .printf(
                "The run waits twice: approve with%n  dr approve <workflow> --step %s --who ..."
                    + " --why ...   (or correct it: dr restore-point <workflow> --at ...)%n  dr"
                    + " approve <workflow> --step %s --who ... --why ...%n",
                CorruptedDataRecoveryWorkflowImpl.CONFIRM_STEP,
                CorruptedDataRecoveryWorkflowImpl.REPLAY_STEP);
      }
      return runs.start(
          Procedure.DATA_RECOVERY,
          in.service(),
          in.service(),
          wf -> wf.run(in),
          noWait,
          r -> {
            var out = spec.commandLine().getOut();
            ResultPrinter print = new ResultPrinter(out);
            print.timeline(r.timeline());
            print.validation(r.integrity());
            if (r.integrityAfterReplay() != null) {
              out.print("\nAfter the replay:");
              print.validation(r.integrityAfterReplay());
            }
            if (r.verification() != null && !r.verification().passed()) {
              out.printf("%nRows still wrong after the replay (%d):%n", r.verification().total());
              r.verification().rows().forEach(row -> out.printf("  %s%n", row.describe()));
            }
            print.rpo(r.rpo());
            out.printf("%n%s%n", r.summary());
            return r.outcome() == DataRecoveryOutcome.NOT_RECOVERED
                ? ExitCodes.OUTCOME_NOT_SUCCESS
                : ExitCodes.OK;
          });
    }
  }
}
