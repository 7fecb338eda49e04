package dev.drrunbooks.starter.commands;

import dev.drrunbooks.backupvalidation.BackupValidation;
import dev.drrunbooks.backupvalidation.BackupValidationInput;
import dev.drrunbooks.backupvalidation.BackupValidationResult;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.ResultPrinter;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "validate-backups")
public final class ValidateBackupsCommand
    extends ServiceRunCommand<BackupValidationInput, BackupValidationResult> {
  /** {@code --all}: documented here, run by {@link ValidateAllBackupsCommand}. */
  @Mixin AllServicesSwitch allServices;

  public ValidateBackupsCommand() {
    super(
        BackupValidation.PROCEDURE,
        BackupValidationInput.class,
        "--pick --random-within --wait-budget --instance-class");
  }

  /** Refuses {@code --all} where it was not routed to the fleet (a caller that skipped DrCli). */
  @Override
  BackupValidationInput input() {
    allServices.refuseUnrouted(spec.commandLine());
    return super.input();
  }

  @Override
  int print(BackupValidationResult r, ResultPrinter print, PrintWriter out) {
    print.timeline(r.timeline());
    print.validation(r.validation());
    print.copySettings(r.copySettings());
    print.cleanup(r.cleanup());
    out.printf("%n%s%n", r.summary());
    return ExitCodes.OK;
  }
}
