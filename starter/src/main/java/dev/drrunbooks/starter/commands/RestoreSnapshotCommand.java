package dev.drrunbooks.starter.commands;

import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.snapshotrestore.SnapshotRestoreInput;
import dev.drrunbooks.snapshotrestore.SnapshotRestoreResult;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.ResultPrinter;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "restore-snapshot")
public final class RestoreSnapshotCommand
    extends ServiceRunCommand<SnapshotRestoreInput, SnapshotRestoreResult> {
  @Option(names = "--snapshot")
  String snapshot;

  @Option(names = "--copy-to-dr")
  Boolean copyToDrRegion;

  @Option(names = "--kms-key-id")
  String kmsKeyId;

  @Mixin RestoreOptions restore;

  @Option(names = "--allow-other-source")
  Boolean allowOtherSource;

  public RestoreSnapshotCommand() {
    super(Procedure.SNAPSHOT_RESTORE, SnapshotRestoreInput.class);
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
