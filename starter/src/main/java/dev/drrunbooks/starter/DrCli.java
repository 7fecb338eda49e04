package dev.drrunbooks.starter;

import dev.drrunbooks.starter.commands.BackupPolicyCommand;
import dev.drrunbooks.starter.commands.DoctorCommand;
import dev.drrunbooks.starter.commands.PitrCommand;
import dev.drrunbooks.starter.commands.RestoreSnapshotCommand;
import dev.drrunbooks.starter.commands.ServicesCommand;
import dev.drrunbooks.starter.commands.ValidateBackupsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The dr-runbooks client: starts procedures, reads their results, checks the set-up. */
@Command(
    name = "dr",
    mixinStandardHelpOptions = true,
    version = "dr-runbooks 0.1.0",
    description = "Runs MyComputer's disaster-recovery procedures as durable Temporal workflows.",
    subcommands = {ServicesCommand.class, DoctorCommand.class, BackupPolicyCommand.class, PitrCommand.class,
        RestoreSnapshotCommand.class, ValidateBackupsCommand.class})
public final class DrCli {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    return new CommandLine(new DrCli());
  }
}
