package dev.drrunbooks.starter;

import dev.drrunbooks.failover.DnsFailover;
import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.runbook.Runbook;
import dev.drrunbooks.starter.commands.AllServicesSwitch;
import dev.drrunbooks.starter.commands.BackupPolicyCommand;
import dev.drrunbooks.starter.commands.CancelCommand;
import dev.drrunbooks.starter.commands.CleanupCommand;
import dev.drrunbooks.starter.commands.CommandGroup;
import dev.drrunbooks.starter.commands.DoctorCommand;
import dev.drrunbooks.starter.commands.DrillAllCommand;
import dev.drrunbooks.starter.commands.DrillCommand;
import dev.drrunbooks.starter.commands.EvacuateCommand;
import dev.drrunbooks.starter.commands.EvidenceCommand;
import dev.drrunbooks.starter.commands.FailoverCommand;
import dev.drrunbooks.starter.commands.GateCommand;
import dev.drrunbooks.starter.commands.IncidentCommand;
import dev.drrunbooks.starter.commands.ListCommand;
import dev.drrunbooks.starter.commands.PitrCommand;
import dev.drrunbooks.starter.commands.PostureCommand;
import dev.drrunbooks.starter.commands.ReadinessCommand;
import dev.drrunbooks.starter.commands.RecoverDataCommand;
import dev.drrunbooks.starter.commands.RecoverEcsCommand;
import dev.drrunbooks.starter.commands.ReportCommand;
import dev.drrunbooks.starter.commands.RestorePointCommand;
import dev.drrunbooks.starter.commands.RestoreSnapshotCommand;
import dev.drrunbooks.starter.commands.SchedulesCommand;
import dev.drrunbooks.starter.commands.ServicesCommand;
import dev.drrunbooks.starter.commands.StandbyFailoverCommand;
import dev.drrunbooks.starter.commands.StandbyInstantiateCommand;
import dev.drrunbooks.starter.commands.StandbyReplicateCommand;
import dev.drrunbooks.starter.commands.StatusCommand;
import dev.drrunbooks.starter.commands.ValidateAllBackupsCommand;
import dev.drrunbooks.starter.commands.ValidateBackupsCommand;
import dev.drrunbooks.starter.commands.WatchCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The dr-runbooks client: starts procedures, reads their results, checks the set-up. */
@Command(
    name = "dr",
    // The help of every command and option: Help.properties beside this class.
    resourceBundle = "dev.drrunbooks.starter.Help",
    // Inherited: every command, however deep, answers --help and --version.
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    version = "dr-runbooks 0.1.0",
    subcommands = {
      ServicesCommand.class,
      DoctorCommand.class,
      DrillCommand.class,
      DrillAllCommand.class,
      BackupPolicyCommand.class,
      ReadinessCommand.class,
      PostureCommand.class,
      EvidenceCommand.class,
      PitrCommand.class,
      RestoreSnapshotCommand.class,
      ValidateBackupsCommand.class,
      ValidateAllBackupsCommand.class,
      FailoverCommand.Failover.class,
      FailoverCommand.Failback.class,
      StandbyInstantiateCommand.class,
      StandbyFailoverCommand.class,
      StandbyReplicateCommand.class,
      RecoverEcsCommand.class,
      EvacuateCommand.class,
      GateCommand.Approve.class,
      GateCommand.Abort.class,
      StatusCommand.class,
      ListCommand.class,
      WatchCommand.class,
      CancelCommand.class,
      RecoverDataCommand.class,
      RestorePointCommand.class,
      SchedulesCommand.class,
      ReportCommand.class,
      IncidentCommand.class,
      CleanupCommand.class,
      CommandLine.HelpCommand.class
    })
public final class DrCli implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = OneLineErrors.VERBOSE, scope = ScopeType.INHERIT)
  boolean verbose;

  /** {@code dr} alone: the usage (commands and procedures), exit 2 as for any missing input. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.BAD_INPUT;
  }

  public static void main(String[] args) {
    System.exit(execute(commandLine(), args));
  }

  /**
   * Runs {@code args} ({@code validate-backups --all} and {@code drill --all} routed to the fleets'
   * commands, {@link AllServicesSwitch}) and flushes what the command wrote: picocli's writers
   * flush on println only, so output ending without a newline (a CSV export) would be lost at
   * {@code System.exit}.
   */
  public static int execute(CommandLine cli, String... args) {
    try {
      return cli.execute(AllServicesSwitch.route(args));
    } finally {
      cli.getOut().flush();
      cli.getErr().flush();
    }
  }

  /**
   * The command line with its error handling: one line and an exit code per kind ({@link
   * ExitCodes}).
   */
  public static CommandLine commandLine() {
    OneLineErrors errors = new OneLineErrors();
    CommandLine cli = new CommandLine(new DrCli());
    // What the annotations do not declare first: picocli passes the settings below only to the
    // subcommands it already has.
    CommandGroup.addVerbs(cli);
    FlagInput.declareAll(cli);
    cli.setExecutionExceptionHandler(errors).setParameterExceptionHandler(errors);
    cli.getCommandSpec().usageMessage().footer(proceduresFooter());
    return cli;
  }

  /**
   * The runbook's procedures, from the registry: the command that starts each, and the key its runs
   * carry.
   */
  static String[] proceduresFooter() {
    List<String> lines = new ArrayList<>();
    lines.add(
        "%nProcedures (command: what it runs; runs are named <key>-<subject>-<UTC"
            + " time>-<suffix>):");
    for (Procedure<?, ?> p : Runbook.procedures()) {
      lines.add(String.format("  %-18s %s (key %s)", p.command(), p.title(), p.key()));
    }
    lines.add(
        String.format(
            "  %-18s %s (key %s)",
            "failback", "DNS failback: the failover run backwards", DnsFailover.FAILBACK_KEY));
    return lines.toArray(String[]::new);
  }
}
