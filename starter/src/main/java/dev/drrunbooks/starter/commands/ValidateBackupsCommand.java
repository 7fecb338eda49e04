package dev.drrunbooks.starter.commands;

import dev.drrunbooks.backupvalidation.BackupValidationInput;
import dev.drrunbooks.backupvalidation.BackupValidationResult;
import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.ResultPrinter;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "validate-backups")
public final class ValidateBackupsCommand
    extends ServiceRunCommand<BackupValidationInput, BackupValidationResult> {
  @Option(names = "--pick")
  String pick;

  @Option(names = "--random-within")
  String randomWithin;

  @Option(names = "--wait-budget")
  String waitBudget;

  @Option(names = "--instance-class")
  String instanceClass;

  public ValidateBackupsCommand() {
    super(Procedure.BACKUP_VALIDATION, BackupValidationInput.class);
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
