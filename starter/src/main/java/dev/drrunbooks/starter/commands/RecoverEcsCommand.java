package dev.drrunbooks.starter.commands;

import dev.drrunbooks.ecsrecovery.EcsRecoveryInput;
import dev.drrunbooks.ecsrecovery.EcsRecoveryResult;
import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.ResultPrinter;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "recover-ecs")
public final class RecoverEcsCommand
    extends ServiceRunCommand<EcsRecoveryInput, EcsRecoveryResult> {
  @Mixin EcsTarget target;

  @Option(names = "--cluster")
  String cluster;

  @Option(names = "--wait-budget")
  String waitBudget;

  public RecoverEcsCommand() {
    super(Procedure.ECS_RECOVERY, EcsRecoveryInput.class);
  }

  @Override
  int print(EcsRecoveryResult r, ResultPrinter print, PrintWriter out) {
    print.timeline(r.timeline());
    print.rto(r.rto());
    out.printf("%n%s%n", r.summary());
    return ExitCodes.OK;
  }
}
