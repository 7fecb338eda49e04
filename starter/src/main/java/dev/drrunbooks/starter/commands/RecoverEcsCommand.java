package dev.drrunbooks.starter.commands;

import dev.drrunbooks.ecsrecovery.EcsRecoveryInput;
import dev.drrunbooks.ecsrecovery.EcsRecoveryResult;
import dev.drrunbooks.ecsrecovery.EcsServiceRecovery;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.ResultPrinter;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "recover-ecs")
public final class RecoverEcsCommand
    extends ServiceRunCommand<EcsRecoveryInput, EcsRecoveryResult> {
  @Mixin EcsTarget target;

  public RecoverEcsCommand() {
    super(EcsServiceRecovery.PROCEDURE, EcsRecoveryInput.class, "--cluster --wait-budget");
  }

  @Override
  int print(EcsRecoveryResult r, ResultPrinter print, PrintWriter out) {
    print.timeline(r.timeline());
    print.rto(r.rto());
    out.printf("%n%s%n", r.summary());
    return ExitCodes.OK;
  }
}
