package dev.drrunbooks.starter.commands;

import dev.drrunbooks.pitr.PointInTimeRestore;
import dev.drrunbooks.pitr.PointInTimeRestoreInput;
import dev.drrunbooks.pitr.PointInTimeRestoreResult;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.ResultPrinter;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

@Command(name = "pitr")
public final class PitrCommand
    extends ServiceRunCommand<PointInTimeRestoreInput, PointInTimeRestoreResult> {
  public PitrCommand() {
    super(
        PointInTimeRestore.PROCEDURE,
        PointInTimeRestoreInput.class,
        "--source-instance --restore-time --region --subnet-group=dbSubnetGroup"
            + " --security-group-ids --parameter-group=dbParameterGroup "
            + RestoreOptions.FLAGS);
  }

  @Override
  int print(PointInTimeRestoreResult r, ResultPrinter print, PrintWriter out) {
    print.timeline(r.timeline());
    print.validation(r.validation());
    print.objectives(r.objectives());
    print.copySettings(r.copySettings());
    out.printf(
        "%n%s%nRestored instance: %s at %s:%s (restore point %s; window %s to %s)%n",
        r.summary(),
        r.restoredInstance(),
        r.endpoint(),
        r.port(),
        r.restorePoint(),
        r.window().earliest(),
        r.window().latest());
    if (r.restoredFrom() != null)
      out.printf("Restored from: %s, in %s%n", r.restoredFrom(), r.region());
    return ExitCodes.OK;
  }
}
