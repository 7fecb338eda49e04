package dev.drrunbooks.starter.commands;

import dev.drrunbooks.pitr.PointInTimeRestoreInput;
import dev.drrunbooks.pitr.PointInTimeRestoreResult;
import dev.drrunbooks.pitr.PointInTimeRestoreWorkflow;
import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.InputFile;
import dev.drrunbooks.starter.ResultPrinter;
import dev.drrunbooks.starter.RunStarter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "pitr", description = "Point-in-time restore of a service's database into a new instance that stays up.")
public final class PitrCommand implements Callable<Integer> {
  @Mixin Connection connection;
  @Spec CommandSpec spec;

  @Option(names = "--service", description = "Catalog service key, e.g. inventory") String service;
  @Option(names = "--source-instance", description = "Override the catalog's instance") String sourceInstance;
  @Option(names = "--restore-time", description = "ISO-8601 instant, or latest (default)") String restoreTime;
  @Option(names = "--target-instance", description = "Default: derived from the run id") String targetInstance;
  @Option(names = "--incident-time", description = "When the incident began: RTO and RPO are measured from it") String incidentTime;
  @Option(names = "--wait-budget", description = "How long waiting may take (default: the service's RTO)") String waitBudget;
  @Option(names = "--keep-on-failure", description = "Keep the restored instance for forensics if a later step fails") boolean keep;
  @Option(names = "--instance-class", description = "e.g. db.r6g.large (default: as the source)") String instanceClass;
  @Option(names = "--input", description = "The workflow input as JSON (instead of the flags above)") Path input;
  @Option(names = "--no-wait", description = "Print the run id and link, do not wait for the result") boolean noWait;

  @Override
  public Integer call() {
    InputFile.requireService(spec, input, service);
    PointInTimeRestoreInput in = input != null
        ? InputFile.read(spec, input, PointInTimeRestoreInput.class)
        : new PointInTimeRestoreInput(service, sourceInstance, restoreTime, targetInstance, incidentTime, waitBudget,
            keep ? Boolean.TRUE : null, instanceClass, null);
    try (Connection conn = connection) {
      RunStarter runs = new RunStarter(conn, spec.commandLine().getOut(), spec.commandLine().getErr());
      return runs.start("pitr", in.service(), in.service(), PointInTimeRestoreWorkflow.class, wf -> wf.run(in),
          PointInTimeRestoreResult.class, noWait, r -> {
            var out = spec.commandLine().getOut();
            ResultPrinter print = new ResultPrinter(out);
            print.timeline(r.timeline());
            print.validation(r.validation());
            print.objectives(r.objectives());
            print.copySettings(r.copySettings());
            out.printf("%n%s%nRestored instance: %s at %s:%s (restore point %s; window %s to %s)%n", r.summary(),
                r.restoredInstance(), r.endpoint(), r.port(), r.restorePoint(), r.window().earliest(),
                r.window().latest());
            return 0;
          });
    }
  }
}
