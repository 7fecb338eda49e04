package dev.drrunbooks.starter.commands;

import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.ecsrecovery.EcsRecoveryInput;
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

@Command(name = "recover-ecs", description = "Redeploy a service on its stable task definition, scale it, wait for a steady state; roll back if it does not get there.")
public final class RecoverEcsCommand implements Callable<Integer> {
  @Mixin Connection connection;
  @Spec CommandSpec spec;

  @Option(names = "--service", description = "Catalog service key, e.g. inventory") String service;
  @Option(names = "--region", description = "primary (default), dr, or a region name") String region;
  @Option(names = "--cluster", description = "Default: the catalog's cluster for the region") String cluster;
  @Option(names = "--task-definition", description = "family:label or family:revision (default: the catalog's stable one)") String taskDefinition;
  @Option(names = "--desired-count", description = "Default: the catalog's desiredCount") Integer desiredCount;
  @Option(names = "--wait-budget", description = "How long it may take to become steady (default: the service's RTO)") String waitBudget;
  @Option(names = "--input", description = "The workflow input as JSON (instead of the flags above)") Path input;
  @Option(names = "--no-wait", description = "Print the run id and link, do not wait for the result") boolean noWait;

  @Override
  public Integer call() {
    InputFile.requireService(spec, input, service);
    EcsRecoveryInput in = input != null ? InputFile.read(spec, input, EcsRecoveryInput.class)
        : new EcsRecoveryInput(service, region, cluster, taskDefinition, desiredCount, waitBudget);
    try (Connection conn = connection) {
      RunStarter runs = new RunStarter(conn, spec.commandLine().getOut(), spec.commandLine().getErr());
      return runs.start(Procedure.ECS_RECOVERY, in.service(), in.service(), wf -> wf.run(in), noWait, r -> {
            var out = spec.commandLine().getOut();
            ResultPrinter print = new ResultPrinter(out);
            print.timeline(r.timeline());
            print.rto(r.rto());
            out.printf("%n%s%n", r.summary());
            return 0;
          });
    }
  }
}
