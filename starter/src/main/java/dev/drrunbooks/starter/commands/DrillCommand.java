package dev.drrunbooks.starter.commands;

import dev.drrunbooks.drill.DrDrillInput;
import dev.drrunbooks.drill.ServiceDrill;
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
    name = "drill",
    description =
        "The monthly DR drill: test environment, restore, deploy, checks, report, and cleanup that"
            + " always runs.")
public final class DrillCommand implements Callable<Integer> {
  @Mixin Connection connection;
  @Spec CommandSpec spec;

  @Option(
      names = "--service",
      description = "Service to drill; repeat for several in parallel (default inventory)")
  List<String> services;

  @Option(
      names = "--wait-budget",
      description = "How long each service's restore and deployment may take (default: its RTO)")
  String waitBudget;

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
    DrDrillInput in =
        input != null
            ? InputFile.read(spec, input, DrDrillInput.class)
            : new DrDrillInput(services, waitBudget);
    String subject =
        in.services() == null || in.services().isEmpty()
            ? "inventory"
            : String.join("-", in.services());
    try (Connection conn = connection) {
      RunStarter runs =
          new RunStarter(conn, spec.commandLine().getOut(), spec.commandLine().getErr());
      return runs.start(
          Procedure.DR_DRILL,
          subject,
          subject,
          wf -> wf.run(in),
          noWait,
          r -> {
            var out = spec.commandLine().getOut();
            ResultPrinter print = new ResultPrinter(out);
            print.timeline(r.timeline());
            Table t = new Table("SERVICE", "PASSED", "RTO", "RPO", "SNAPSHOT", "FAILURE");
            for (ServiceDrill s : r.services()) {
              t.row(
                  s.service(),
                  s.passed() ? "yes" : "NO",
                  s.objectives() == null
                      ? "-"
                      : s.objectives().rto().breached() ? "BREACHED" : "met",
                  s.objectives() == null
                      ? "-"
                      : s.objectives().rpo().breached() ? "BREACHED" : "met",
                  s.snapshotId(),
                  s.failure());
            }
            out.println();
            out.print(t.render());
            print.cleanup(r.cleanup());
            out.printf("%n%s%nReport: %s%n", r.summary(), r.reportLocation());
            return r.passed() ? ExitCodes.OK : ExitCodes.OUTCOME_NOT_SUCCESS;
          });
    }
  }
}
