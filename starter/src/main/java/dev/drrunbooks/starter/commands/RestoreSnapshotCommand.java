package dev.drrunbooks.starter.commands;

import dev.drrunbooks.snapshotrestore.SnapshotRestore;
import dev.drrunbooks.snapshotrestore.SnapshotRestoreInput;
import dev.drrunbooks.snapshotrestore.SnapshotRestoreResult;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.ResultPrinter;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

@Command(name = "restore-snapshot")
public final class RestoreSnapshotCommand
    extends ServiceRunCommand<SnapshotRestoreInput, SnapshotRestoreResult> {

  public RestoreSnapshotCommand() {
    super(
        SnapshotRestore.PROCEDURE,
        SnapshotRestoreInput.class,
        "--snapshot --copy-to-dr=copyToDrRegion --kms-key-id --allow-other-source "
            + RestoreOptions.FLAGS);
  }

  @Override
  int print(SnapshotRestoreResult r, ResultPrinter print, PrintWriter out) {
    print.timeline(r.timeline());
    print.validation(r.validation());
    print.objectives(r.objectives());
    print.copySettings(r.copySettings());
    out.printf(
        "%n%s%nRestored instance: %s in %s at %s:%s%n",
        r.summary(), r.restoredInstance(), r.region(), r.endpoint(), r.port());
    return ExitCodes.OK;
  }
}
