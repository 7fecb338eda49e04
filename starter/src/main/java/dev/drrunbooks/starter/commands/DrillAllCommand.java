package dev.drrunbooks.starter.commands;

import dev.drrunbooks.catalog.Durations;
import dev.drrunbooks.fleet.FleetDrill;
import dev.drrunbooks.fleet.FleetDrillInput;
import dev.drrunbooks.fleet.FleetDrillMember;
import dev.drrunbooks.fleet.FleetDrillResult;
import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.ResultPrinter;
import dev.drrunbooks.starter.Table;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/**
 * {@code dr drill --all}: one fleet run drills every service (or {@code --services a,b}), each as
 * its own DR drill child run in its own test environment, a bounded few at a time. Reached through
 * {@link AllServicesSwitch}: {@code --all} on {@code drill} runs this command.
 */
@Command(name = AllServicesSwitch.FLEET_DRILL_COMMAND)
public final class DrillAllCommand extends RunCommand<FleetDrillInput, FleetDrillResult> {

  public DrillAllCommand() {
    super(
        FleetDrill.PROCEDURE,
        FleetDrillInput.class,
        "--services --max-concurrent --max-per-region --wait-budget");
  }

  @Override
  String subject(FleetDrillInput in) {
    return joined(in.services(), "all");
  }

  @Override
  int print(FleetDrillResult r, ResultPrinter print, PrintWriter out) {
    Table t =
        new Table("SERVICE", "REGION", "OUTCOME", "RTO", "RPO", "QUEUED", "TOOK", "RUN", "SUMMARY");
    for (FleetDrillMember m : r.members())
      t.row(
          m.service(),
          m.region(),
          m.outcome(),
          objective(m.rto()),
          objective(m.rpo()),
          m.queuedFor() == null ? "-" : m.queuedFor().toSeconds() + " s",
          m.ranFor() == null ? "-" : m.ranFor().toSeconds() + " s",
          m.workflowId(),
          m.summary());
    out.println();
    out.print(t.render());
    out.printf(
        "%nAt most %d in flight (%d per region); %d at once at the most%n%s%n",
        r.limits().maxConcurrent(), r.limits().maxPerRegion(), r.mostAtOnce(), r.summary());
    return r.passed() ? ExitCodes.OK : ExitCodes.OUTCOME_NOT_SUCCESS;
  }

  /** "12m / 30m" (achieved / objective), "BREACHED 2h / 15m", or "-" when not measured. */
  static String objective(ObjectiveCheck c) {
    if (c == null || c.achieved() == null) return "-";
    return (c.breached() ? "BREACHED " : "")
        + Durations.format(c.achieved())
        + " / "
        + (c.objective() == null ? "none" : Durations.format(c.objective()));
  }
}
