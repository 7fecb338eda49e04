package dev.drrunbooks.starter.commands;

import dev.drrunbooks.catalog.Durations;
import dev.drrunbooks.starter.CliFailure;
import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.JsonOption;
import dev.drrunbooks.starter.Table;
import dev.drrunbooks.starter.runs.ProcedureName;
import dev.drrunbooks.starter.runs.RunQuery;
import dev.drrunbooks.starter.runs.RunRow;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dr list}: this product's runs from Temporal's visibility API (the DrProcedure, DrService
 * and DrPhase search attributes and the execution status), newest first.
 */
@Command(name = "list")
public final class ListCommand extends ConnectedCommand {
  static final int MAX_LIMIT = 1000;

  @ArgGroup(exclusive = true)
  StateFilter state = new StateFilter();

  /** At most one of these; none lists runs in every state. */
  static final class StateFilter {
    @Option(names = "--running")
    boolean running;

    @Option(names = "--waiting")
    boolean waiting;

    @Option(names = "--failed")
    boolean failed;

    RunQuery.State state() {
      if (running) return RunQuery.State.RUNNING;
      if (waiting) return RunQuery.State.WAITING;
      if (failed) return RunQuery.State.FAILED;
      return RunQuery.State.ANY;
    }
  }

  @Option(names = "--service")
  String service;

  @Option(names = "--procedure")
  String procedure;

  @Option(names = "--limit", defaultValue = "20")
  int limit;

  /** "0s", "45s", "3m12s", "1h5m". */
  static String took(long seconds) {
    return seconds == 0 ? "0s" : Durations.format(Duration.ofSeconds(seconds));
  }

  @Override
  public Integer call() {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new CliFailure(
          ExitCodes.BAD_INPUT, "--limit: " + limit + " is not valid; allowed: 1 to " + MAX_LIMIT);
    }
    String key = procedure == null ? null : ProcedureName.key("--procedure", procedure);
    RunQuery.State wanted = state.state();
    // Visibility lists running runs first, then ended ones by close time, and cannot sort by start
    // time: without a state filter, the newest of both kinds are merged here.
    List<String> queries =
        wanted == RunQuery.State.ANY
            ? List.of(
                RunQuery.of(RunQuery.State.RUNNING, service, key),
                RunQuery.of(RunQuery.State.ENDED, service, key))
            : List.of(RunQuery.of(wanted, service, key));
    PrintWriter out = spec.commandLine().getOut();
    try (Connection conn = connection) {
      Instant now = Instant.now();
      // The SDK pages lazily: only as many runs as asked are fetched.
      List<RunRow> newestFirst =
          queries.stream()
              .flatMap(q -> conn.client().listExecutions(q).limit(limit))
              .map(r -> RunRow.of(r, now))
              .sorted(Comparator.comparing(RunRow::started).reversed())
              .limit(limit)
              .toList();
      if (json.on()) {
        newestFirst.forEach(row -> JsonOption.print(out, row));
        return ExitCodes.OK;
      }
      if (newestFirst.isEmpty()) {
        out.println("No runs match.");
        return ExitCodes.OK;
      }
      Table t = new Table("ID", "PROCEDURE", "SERVICE", "STATE", "STARTED", "TOOK");
      for (RunRow r : newestFirst) {
        t.row(
            r.workflowId(),
            r.procedure(),
            r.service(),
            r.state(),
            r.started().truncatedTo(ChronoUnit.SECONDS),
            took(r.tookSeconds()) + (r.closed() == null ? " so far" : ""));
      }
      out.print(t.render());
      out.flush();
      return ExitCodes.OK;
    }
  }
}
