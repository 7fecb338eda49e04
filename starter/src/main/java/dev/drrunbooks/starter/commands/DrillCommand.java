package dev.drrunbooks.starter.commands;

import dev.drrunbooks.drill.DrDrill;
import dev.drrunbooks.drill.DrDrillInput;
import dev.drrunbooks.drill.DrDrillResult;
import dev.drrunbooks.drill.ServiceDrill;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.ResultPrinter;
import dev.drrunbooks.starter.Table;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "drill")
public final class DrillCommand extends RunCommand<DrDrillInput, DrDrillResult> {
  @Option(names = "--service")
  List<String> services;

  @Option(names = "--wait-budget")
  String waitBudget;

  /** {@code --all}: documented here, run by {@link DrillAllCommand}. */
  @Mixin AllServicesSwitch allServices;

  public DrillCommand() {
    super(DrDrill.PROCEDURE, DrDrillInput.class);
  }

  /** Refuses {@code --all} where it was not routed to the fleet drill. */
  @Override
  DrDrillInput input() {
    allServices.refuseUnrouted(spec.commandLine());
    return super.input();
  }

  @Override
  String subject(DrDrillInput in) {
    return joined(in.services(), "inventory");
  }

  @Override
  int print(DrDrillResult r, ResultPrinter print, PrintWriter out) {
    print.timeline(r.timeline());
    Table t = new Table("SERVICE", "PASSED", "RTO", "RPO", "SNAPSHOT", "FAILURE");
    for (ServiceDrill s : r.services()) {
      t.row(
          s.service(),
          s.passed() ? "yes" : "NO",
          s.objectives() == null ? "-" : s.objectives().rto().breached() ? "BREACHED" : "met",
          s.objectives() == null ? "-" : s.objectives().rpo().breached() ? "BREACHED" : "met",
          s.snapshotId(),
          s.failure());
    }
    out.println();
    out.print(t.render());
    print.cleanup(r.cleanup());
    out.printf("%n%s%nReport: %s%n", r.summary(), r.reportLocation());
    return r.passed() ? ExitCodes.OK : ExitCodes.OUTCOME_NOT_SUCCESS;
  }
}
