package dev.drrunbooks.starter.commands;

import dev.drrunbooks.backupvalidation.BackupValidation;
import dev.drrunbooks.backupvalidation.BackupValidationInput;
import dev.drrunbooks.backupvalidation.BackupValidationResult;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.ResultPrinter;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

@Command(name = "validate-backups")
public final class ValidateBackupsCommand
    extends ServiceRunCommand<BackupValidationInput, BackupValidationResult> {

  public ValidateBackupsCommand() {
    super(
        BackupValidation.PROCEDURE,
        BackupValidationInput.class,
        "--pick --random-within --wait-budget --instance-class");
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
