package dev.drrunbooks.starter.commands;

import dev.drrunbooks.datarecovery.CorruptedDataRecovery;
import dev.drrunbooks.datarecovery.CorruptedDataRecoveryInput;
import dev.drrunbooks.datarecovery.CorruptedDataRecoveryResult;
import dev.drrunbooks.datarecovery.CorruptedDataRecoveryWorkflowImpl;
import dev.drrunbooks.datarecovery.DataRecoveryOutcome;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.ResultPrinter;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

@Command(name = "recover-data")
public final class RecoverDataCommand
    extends ServiceRunCommand<CorruptedDataRecoveryInput, CorruptedDataRecoveryResult> {

  public RecoverDataCommand() {
    super(
        CorruptedDataRecovery.PROCEDURE,
        CorruptedDataRecoveryInput.class,
        "--corruption-time --search-since --approval-timeout --batch-size");
  }

  @Override
  void beforeWaiting(PrintWriter out) {
    out.printf(
        "The run waits twice: approve with%n  dr approve <workflow> --step %s --who ..."
            + " --why ...   (or correct it: dr restore-point <workflow> --at ...)%n  dr"
            + " approve <workflow> --step %s --who ... --why ...%n",
        CorruptedDataRecoveryWorkflowImpl.CONFIRM_STEP,
        CorruptedDataRecoveryWorkflowImpl.REPLAY_STEP);
  }

  @Override
  int print(CorruptedDataRecoveryResult r, ResultPrinter print, PrintWriter out) {
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
  }
}
