package dev.drrunbooks.starter.runs;

import dev.drrunbooks.readiness.ReadinessEvaluation;
import dev.drrunbooks.runbook.Runbook;
import dev.drrunbooks.starter.CliFailure;
import dev.drrunbooks.starter.ExitCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Temporal visibility query {@code dr list} sends: runs of this product's workflow types,
 * narrowed by state, service and procedure (the DrService and DrProcedure search attributes).
 */
public final class RunQuery {
  /** Which runs, by state. */
  public enum State {
    /** Every run, whatever its state. */
    ANY,
    /** Still running, waiting at a gate or not. */
    RUNNING,
    /** Running and waiting at an approval gate ({@link GatePhases}). */
    WAITING,
    /** Ended without success and not by request: failed, timed out or terminated. */
    FAILED,
    /** Ended, however. */
    ENDED
  }

  private RunQuery() {}

  /**
   * The query text, e.g. {@code WorkflowType IN ("PointInTimeRestore", ...) AND ExecutionStatus =
   * "Running" AND DrService = "inventory"}.
   *
   * @param service a DrService value, or null for any
   * @param procedureKey a DrProcedure value ({@link ProcedureName#key}), or null for any
   * @throws CliFailure bad input when the service holds a quote or a backslash
   */
  public static String of(State state, String service, String procedureKey) {
    List<String> clauses = new ArrayList<>();
    // Readiness evaluations run every 30 minutes: listed only when asked for by name (dr posture
    // shows the newest), or they would crowd out every recovery in a listing.
    clauses.add(
        "WorkflowType IN ("
            + Runbook.procedures().stream()
                .filter(p -> p != ReadinessEvaluation.PROCEDURE || p.key().equals(procedureKey))
                .map(p -> quoted(p.workflowType()))
                .distinct()
                .collect(Collectors.joining(", "))
            + ")");
    switch (state) {
      case RUNNING -> clauses.add("ExecutionStatus = \"Running\"");
      case WAITING ->
          clauses.add(
              "ExecutionStatus = \"Running\" AND DrPhase IN ("
                  + GatePhases.ALL.stream()
                      .sorted()
                      .map(RunQuery::quoted)
                      .collect(Collectors.joining(", "))
                  + ")");
      case FAILED -> clauses.add("ExecutionStatus IN (\"Failed\", \"TimedOut\", \"Terminated\")");
      case ENDED -> clauses.add("ExecutionStatus != \"Running\"");
      case ANY -> {}
    }
    if (service != null) {
      if (service.contains("\"") || service.contains("\\"))
        throw new CliFailure(
            ExitCodes.BAD_INPUT,
            "--service: '" + service + "' is not valid; allowed: a catalog service key");
      clauses.add("DrService = " + quoted(service));
    }
    if (procedureKey != null) clauses.add("DrProcedure = " + quoted(procedureKey));
    return String.join(" AND ", clauses);
  }

  private static String quoted(String value) {
    return "\"" + value + "\"";
  }
}
