package dev.drrunbooks.starter.commands;

import dev.drrunbooks.fleet.FleetMemberResult;
import dev.drrunbooks.fleet.FleetValidation;
import dev.drrunbooks.fleet.FleetValidationInput;
import dev.drrunbooks.fleet.FleetValidationResult;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.ResultPrinter;
import dev.drrunbooks.starter.Table;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/**
 * {@code dr validate-backups --all}: one fleet run validates every service (or {@code --services
 * a,b}) as backup-validation child runs, a bounded few at a time. Reached through {@link
 * AllServicesSwitch}: {@code --all} on {@code validate-backups} runs this command.
 */
@Command(name = AllServicesSwitch.FLEET_COMMAND)
public final class ValidateAllBackupsCommand
    extends RunCommand<FleetValidationInput, FleetValidationResult> {

  public ValidateAllBackupsCommand() {
    super(
        FleetValidation.PROCEDURE,
        FleetValidationInput.class,
        "--services --max-concurrent --max-per-region --pick --wait-budget");
  }

  @Override
  String subject(FleetValidationInput in) {
    return joined(in.services(), "all");
  }

  @Override
  int print(FleetValidationResult r, ResultPrinter print, PrintWriter out) {
    Table t = new Table("SERVICE", "REGION", "OUTCOME", "QUEUED", "TOOK", "RUN", "SUMMARY");
    for (FleetMemberResult m : r.members())
      t.row(
          m.service(),
          m.region(),
          m.outcome(),
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
}
