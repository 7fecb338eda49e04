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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "restore-point")
public final class RestorePointCommand extends ConnectedCommand {
  /** What {@code --json} prints: the run and the restore point it now proposes. */
  public record Corrected(String workflowId, Instant restorePoint) {}

  @Parameters(index = "0", paramLabel = "RUN")
  String workflowId;

  @Option(names = "--at", required = true)
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
