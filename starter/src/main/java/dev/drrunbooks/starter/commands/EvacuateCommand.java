package dev.drrunbooks.starter.commands;

import dev.drrunbooks.evacuation.EvacuationOutcome;
import dev.drrunbooks.evacuation.RegionEvacuation;
import dev.drrunbooks.evacuation.RegionEvacuationInput;
import dev.drrunbooks.evacuation.RegionEvacuationResult;
import dev.drrunbooks.evacuation.ServiceEvacuation;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.ResultPrinter;
import dev.drrunbooks.starter.Table;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "evacuate")
public final class EvacuateCommand
    extends RunCommand<RegionEvacuationInput, RegionEvacuationResult> {
  @Option(names = "--service")
  List<String> services;

  @Option(names = "--no-approval")
  boolean noApproval;

  @Mixin ApprovalTimeout timeout;

  @Option(names = "--force")
  boolean force;

  @Option(names = "--incident-time")
  String incidentTime;

  public EvacuateCommand() {
    super(RegionEvacuation.PROCEDURE, RegionEvacuationInput.class);
  }

  @Override
  RegionEvacuationInput fromFlags() {
    return new RegionEvacuationInput(
        services,
        noApproval ? Boolean.FALSE : null,
        timeout.approvalTimeout,
        timeout.onTimeout,
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
