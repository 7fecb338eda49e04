package dev.drrunbooks.starter.commands;

import dev.drrunbooks.evacuation.EvacuationOutcome;
import dev.drrunbooks.evacuation.RegionEvacuationInput;
import dev.drrunbooks.evacuation.RegionEvacuationResult;
import dev.drrunbooks.evacuation.ServiceEvacuation;
import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.ResultPrinter;
import dev.drrunbooks.starter.Table;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "evacuate",
    description = "Move services to the DR region: one approval, DR capacity first, then DNS.")
public final class EvacuateCommand
    extends RunCommand<RegionEvacuationInput, RegionEvacuationResult> {
  @Option(
      names = "--service",
      description = "Service to evacuate; repeat for several (default: all)")
  List<String> services;

  @Option(
      names = "--no-approval",
      description =
          "No approval gate; refused unless no evacuated service's catalog "
              + "policy requires approval")
  boolean noApproval;

  @Option(names = "--approval-timeout", description = "Default 15m")
  String approvalTimeout;

  @Option(
      names = "--on-approval-timeout",
      description =
          "abort (default) or proceed (refused unless every "
              + "evacuated service's catalog policy proceeds)")
  String onTimeout;

  @Option(
      names = "--force",
      description = "Send traffic even to a DR target that fails its health probe")
  boolean force;

  @Option(names = "--incident-time", description = "When the incident began (ISO-8601)")
  String incidentTime;

  public EvacuateCommand() {
    super(Procedure.REGION_EVACUATION, RegionEvacuationInput.class);
  }

  @Override
  RegionEvacuationInput fromFlags() {
    return new RegionEvacuationInput(
        services,
        noApproval ? Boolean.FALSE : null,
        approvalTimeout,
        onTimeout,
        force ? Boolean.TRUE : null,
        incidentTime,
        null,
        null);
  }

  @Override
  String subject(RegionEvacuationInput in) {
    return joined(in.services(), "all");
  }

  @Override
  int print(RegionEvacuationResult r, ResultPrinter print, PrintWriter out) {
    print.timeline(r.timeline());
    Table t = new Table("SERVICE", "DR CAPACITY", "DNS", "DETAIL");
    for (ServiceEvacuation s : r.services()) {
      t.row(s.service(), s.ecs(), s.dns(), s.dnsDetail() != null ? s.dnsDetail() : s.ecsDetail());
    }
    out.println();
    out.print(t.render());
    out.printf("%n%s%n", r.summary());
    return r.outcome() == EvacuationOutcome.COMPLETE ? ExitCodes.OK : ExitCodes.OUTCOME_NOT_SUCCESS;
  }
}
