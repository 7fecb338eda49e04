package dev.drrunbooks.starter.commands;

import dev.drrunbooks.activities.ledger.AuditedRun;
import dev.drrunbooks.evidence.EvidenceRequest;
import dev.drrunbooks.evidence.ExportEvidenceWorkflow;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.starter.CliFailure;
import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.evidence.EvidenceFormat;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dr evidence --since 12m [--service S] [--format md|csv|json]}: every drill, validation and
 * recovery in the evidence ledger, achieved against objective, with approvals. The worker reads its
 * ledger (an {@code ExportEvidence} run), so the operator needs no login of its database.
 */
@Command(name = "evidence")
public final class EvidenceCommand extends ConnectedCommand {
  /** How long the worker may take to read the trail. */
  static final Duration WAIT = Duration.ofMinutes(2);

  @Option(names = "--since", defaultValue = "12m")
  String since;

  @Option(names = "--service")
  String service;

  @Option(names = "--format", defaultValue = "md")
  EvidenceFormat format;

  @Override
  public Integer call() {
    Instant from;
    try {
      from = EvidenceFormat.since(since, Instant.now());
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCodes.BAD_INPUT, e.getMessage());
    }
    if (json.on()) format = EvidenceFormat.json;
    try (Connection conn = connection) {
      ExportEvidenceWorkflow export =
          conn.client()
              .newWorkflowStub(
                  ExportEvidenceWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setTaskQueue(conn.taskQueue())
                      .setWorkflowId("dr-evidence-" + Instant.now().toEpochMilli())
                      .setWorkflowExecutionTimeout(WAIT)
                      .build());
      List<AuditedRun> runs;
      try {
        runs = export.export(new EvidenceRequest(from, service));
      } catch (WorkflowFailedException e) {
        throw new CliFailure(ExitCodes.REFUSED, "dr evidence: " + Failures.rootMessage(e));
      }
      if (runs.isEmpty() && service != null) refuseUnknown(conn, service, from);
      spec.commandLine().getOut().print(format.render(runs, from, service));
      return ExitCodes.OK;
    }
  }

  /**
   * Refuses a service that neither the catalog nor the ledger's runs since {@code from} know: a
   * typo, not an empty trail. A service retired from the catalog but with runs is still listed (an
   * auditor asks about it for years).
   */
  private static void refuseUnknown(Connection conn, String service, Instant from) {
    java.util.Set<String> known;
    try {
      known = conn.loadCatalog().services().keySet();
    } catch (RuntimeException e) {
      return; // no catalog here to tell a typo from a quiet service: the empty trail stands
    }
    if (known.contains(service)) return;
    throw new CliFailure(
        ExitCodes.BAD_INPUT,
        "--service: '"
            + service
            + "' is not valid; allowed: "
            + String.join(", ", new java.util.TreeSet<>(known))
            + " (the services in the catalog), or a retired service with runs in the ledger"
            + " (none since "
            + from
            + ")");
  }
}
