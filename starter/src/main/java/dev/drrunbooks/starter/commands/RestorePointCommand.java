package dev.drrunbooks.starter.commands;

import dev.drrunbooks.datarecovery.RestorePointCorrection;
import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.JsonOption;
import dev.drrunbooks.starter.RunIdResolver;
import dev.drrunbooks.starter.RunLookup;
import io.temporal.client.WorkflowStub;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "restore-point",
    description =
        "Correct the restore point a data recovery proposes, while it waits for confirmation.")
public final class RestorePointCommand implements Callable<Integer> {
  @Mixin Connection connection;
  @Mixin JsonOption json;

  /** What {@code --json} prints: the run and the restore point it now proposes. */
  public record Corrected(String workflowId, Instant restorePoint) {}

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "RUN",
      description = "The run's id or a prefix only it starts with")
  String workflowId;

  @Option(
      names = "--at",
      required = true,
      description = "The restore point (ISO-8601), before the corruption")
  String at;

  @Option(names = "--who", required = true)
  String who;

  @Option(names = "--why", required = true)
  String why;

  @Override
  public Integer call() {
    try (Connection conn = connection) {
      workflowId = RunIdResolver.resolve(conn.client(), workflowId);
      WorkflowStub run =
          conn.client().newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty());
      Instant now =
          RunLookup.whileRunning(
              run,
              workflowId,
              () ->
                  run.update(
                      "correctRestorePoint",
                      Instant.class,
                      new RestorePointCorrection(at, who, why)));
      if (json.on()) {
        JsonOption.print(spec.commandLine().getOut(), new Corrected(workflowId, now));
        return ExitCodes.OK;
      }
      spec.commandLine()
          .getOut()
          .printf("%s: restore point is now %s (confirm it with dr approve)%n", workflowId, now);
      return ExitCodes.OK;
    }
  }
}
