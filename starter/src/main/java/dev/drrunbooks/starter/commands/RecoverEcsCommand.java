package dev.drrunbooks.starter.commands;

import dev.drrunbooks.ecsrecovery.EcsRecoveryInput;
import dev.drrunbooks.ecsrecovery.EcsRecoveryResult;
import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.ResultPrinter;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "recover-ecs",
    description =
        "Redeploy a service on its stable task definition, scale it, wait for a steady state; roll"
            + " back if it does not get there.")
public final class RecoverEcsCommand
    extends ServiceRunCommand<EcsRecoveryInput, EcsRecoveryResult> {
  @Option(names = "--region", description = "primary (default), dr, or a region name")
  String region;

  @Option(names = "--cluster", description = "Default: the catalog's cluster for the region")
  String cluster;

  @Option(
      names = "--task-definition",
      description = "family:label or family:revision (default: the catalog's stable one)")
  String taskDefinition;

  @Option(names = "--desired-count", description = "Default: the catalog's desiredCount")
  Integer desiredCount;

  @Option(
      names = "--wait-budget",
      description = "How long it may take to become steady (default: the service's RTO)")
  String waitBudget;

  public RecoverEcsCommand() {
    super(Procedure.ECS_RECOVERY, EcsRecoveryInput.class);
  }

  @Override
  EcsRecoveryInput fromFlags() {
    return new EcsRecoveryInput(service, region, cluster, taskDefinition, desiredCount, waitBudget);
  }

  @Override
  int print(EcsRecoveryResult r, ResultPrinter print, PrintWriter out) {
    print.timeline(r.timeline());
    print.rto(r.rto());
    out.printf("%n%s%n", r.summary());
    return ExitCodes.OK;
  }
}
