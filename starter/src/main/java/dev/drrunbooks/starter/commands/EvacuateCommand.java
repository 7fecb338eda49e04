package dev.drrunbooks.starter.commands;

import dev.drrunbooks.evacuation.EvacuationOutcome;
import dev.drrunbooks.evacuation.RegionEvacuationInput;
import dev.drrunbooks.evacuation.ServiceEvacuation;
import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.InputFile;
import dev.drrunbooks.starter.ResultPrinter;
import dev.drrunbooks.starter.RunStarter;
import dev.drrunbooks.starter.Table;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "evacuate",
    description = "Move services to the DR region: one approval, DR capacity first, then DNS.")
public final class EvacuateCommand implements Callable<Integer> {
  @Mixin Connection connection;
  @Spec CommandSpec spec;

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

  @Option(
      names = "--input",
      description = "The workflow input as JSON (instead of the flags above)")
  Path input;

  @Option(
      names = "--no-wait",
      description = "Print the run id and link, do not wait for the result")
  boolean noWait;

  @Override
  public Integer call() {
    RegionEvacuationInput in =
        input != null
            ? InputFile.read(spec, input, RegionEvacuationInput.class)
            : new RegionEvacuationInput(
                services,
                noApproval ? Boolean.FALSE : null,
                approvalTimeout,
                onTimeout,
                force ? Boolean.TRUE : null,
                incidentTime,
                null,
                null);
    String subject =
        in.services() == null || in.services().isEmpty() ? "all" : String.join("-", in.services());
    try (Connection conn = connection) {
      RunStarter runs =
          new RunStarter(conn, spec.commandLine().getOut(), spec.commandLine().getErr());
      return runs.start(
          Procedure.REGION_EVACUATION,
          subject,
          subject,
          wf -> wf.run(in),
          noWait,
          r -> {
            var out = spec.commandLine().getOut();
            new ResultPrinter(out).timeline(r.timeline());
            Table t = new Table("SERVICE", "DR CAPACITY", "DNS", "DETAIL");
            for (ServiceEvacuation s : r.services()) {
              t.row(
                  s.service(),
                  s.ecs(),
                  s.dns(),
                  s.dnsDetail() != null ? s.dnsDetail() : s.ecsDetail());
            }
            out.println();
            out.print(t.render());
            out.printf("%n%s%n", r.summary());
            return r.outcome() == EvacuationOutcome.COMPLETE
                ? ExitCodes.OK
                : ExitCodes.OUTCOME_NOT_SUCCESS;
          });
    }
  }
}
