package dev.drrunbooks.starter.commands;

import dev.drrunbooks.model.Inputs;
import dev.drrunbooks.model.SearchAttributes;
import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.runbook.Runbook;
import dev.drrunbooks.runcleanup.CleanupFinding;
import dev.drrunbooks.runcleanup.RunCleanup;
import dev.drrunbooks.runcleanup.RunCleanupInput;
import dev.drrunbooks.runcleanup.RunCleanupResult;
import dev.drrunbooks.starter.CliFailure;
import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.ResultPrinter;
import dev.drrunbooks.starter.RunIdResolver;
import dev.drrunbooks.starter.RunLookup;
import dev.drrunbooks.starter.RunStarter;
import dev.drrunbooks.starter.Table;
import dev.drrunbooks.starter.cleanup.RunFamily;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowStub;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dr cleanup RUN}: after a run that ended without cleaning up (terminated, timed out), lists
 * what it and its child runs left, found by their ownership tags; {@code --apply} deletes only what
 * the tags prove is theirs. Refuses a run that is still running (exit 3): it cleans up after itself
 * when it ends. Exit 0 for a dry run and for an applied clean-up that left nothing; 6 when
 * something failed, was refused or is still there.
 */
@Command(name = "cleanup")
public final class CleanupCommand extends ConnectedCommand {
  @Parameters(index = "0", paramLabel = "WORKFLOW_ID")
  String workflowId;

  @Option(names = "--apply")
  boolean apply;

  @Option(names = "--region")
  List<String> regions;

  @Option(names = "--no-wait")
  boolean noWait;

  @Override
  public Integer call() {
    for (String region : regions == null ? List.<String>of() : regions) {
      if (!Inputs.isRegionName(region)) {
        throw new CliFailure(
            ExitCodes.BAD_INPUT,
            "--region: '" + region + "' is not valid; AWS region names such as" + " eu-west-1");
      }
    }
    try (Connection conn = connection) {
      workflowId = RunIdResolver.resolve(conn.client(), workflowId);
      WorkflowStub target =
          conn.client().newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty());
      WorkflowExecutionDescription d = RunLookup.describe(target, workflowId);
      if (d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        throw new CliFailure(
            ExitCodes.REFUSED,
            "refused: run "
                + workflowId
                + " is still running; it cleans up after "
                + "itself when it ends (cancel it to end it early); nothing done");
      }
      if (d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
        String procedure =
            Runbook.ofWorkflowType(d.getWorkflowType()).map(Procedure::key).orElse("");
        String kept =
            KEEPS_NOTHING.contains(procedure)
                ? "run "
                    + workflowId
                    + " completed, and a "
                    + procedure
                    + " run keeps nothing (its clean-up deleted what it created, or it creates"
                    + " nothing): anything listed is a leftover"
                : "run "
                    + workflowId
                    + " completed: what it left it kept on purpose (a recovered database copy, DR"
                    + " capacity, a standby replica) and may be serving traffic";
        if (apply)
          throw new CliFailure(
              ExitCodes.REFUSED,
              "refused: "
                  + kept
                  + "; --apply deletes only after a run that ended without cleaning up (failed,"
                  + " cancelled, terminated, timed out). List it with dr cleanup "
                  + workflowId
                  + " and delete what is no longer needed by hand; nothing done");
        spec.commandLine().getErr().println("note: " + kept + "; --apply is refused for it");
      }
      RunFamily family = RunFamily.read(conn.client(), d);
      RunCleanupInput in =
          new RunCleanupInput(workflowId, family.runs(), regions, apply, family.dnsChanges());
      String service = d.getTypedSearchAttributes().get(SearchAttributes.SERVICE);
      RunStarter runs =
          new RunStarter(conn, spec.commandLine().getOut(), spec.commandLine().getErr(), json.on());
      return runs.start(RunCleanup.PROCEDURE, service, workflowId, in, noWait, this::print);
    }
  }

  /**
   * Procedures that keep nothing once completed: their own clean-up deleted what they created
   * (validations and drills), or they create nothing (audits, readiness, a clean-up).
   */
  static final Set<String> KEEPS_NOTHING =
      Set.of(
          "backup-validation",
          "fleet-validation",
          "dr-drill",
          "fleet-drill",
          "backup-policy",
          "readiness",
          "dr-cleanup");

  private int print(RunCleanupResult r) {
    var out = json.on() ? new PrintWriter(Writer.nullWriter()) : spec.commandLine().getOut();
    new ResultPrinter(out).timeline(r.timeline());
    Table t = new Table("ACTION", "TYPE", "ID", "REGION", "DETAIL", "TAGS");
    for (CleanupFinding f : r.findings()) {
      t.row(
          f.action(),
          f.type(),
          f.id(),
          f.region() == null ? "-" : f.region(),
          f.detail(),
          f.tags().isEmpty() ? "-" : new TreeMap<>(f.tags()).toString());
    }
    out.println();
    out.print(
        r.findings().isEmpty()
            ? "Nothing tagged with " + workflowId + " or its child runs was found.\n"
            : t.render());
    out.printf("%n%s%n", r.summary());
    return !r.applied() || r.clean() ? ExitCodes.OK : ExitCodes.OUTCOME_NOT_SUCCESS;
  }
}
