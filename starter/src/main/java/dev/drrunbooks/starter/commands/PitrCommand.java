package dev.drrunbooks.starter.commands;

import dev.drrunbooks.pitr.PointInTimeRestoreInput;
import dev.drrunbooks.pitr.PointInTimeRestoreResult;
import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.ResultPrinter;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "pitr")
public final class PitrCommand
    extends ServiceRunCommand<PointInTimeRestoreInput, PointInTimeRestoreResult> {
  @Option(names = "--source-instance")
  String sourceInstance;

  @Option(names = "--restore-time")
  String restoreTime;

  @Mixin RestoreOptions restore;

  @Option(names = "--region")
  String region;

  @Option(names = "--subnet-group")
  String dbSubnetGroup;

  @Option(names = "--security-group-ids", split = ",")
  List<String> securityGroupIds;

  @Option(names = "--parameter-group")
  String dbParameterGroup;

  public PitrCommand() {
    super(Procedure.PITR, PointInTimeRestoreInput.class);
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
