package dev.drrunbooks.starter.commands;

import dev.drrunbooks.reporting.PosturePage;
import dev.drrunbooks.starter.CliFailure;
import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.JsonOption;
import dev.drrunbooks.starter.posture.LatestEvaluation;
import dev.drrunbooks.starter.posture.PostureTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dr posture}: every service's readiness as the newest readiness evaluation found it, with
 * what the ledger's evidence predicts of its RTO and RPO; {@code --html FILE} writes it as one
 * page. Exit 6 when a service is not ready, 4 when no evaluation has completed yet.
 */
@Command(name = "posture")
public final class PostureCommand extends ConnectedCommand {
  /** An evaluation older than this is said to be stale (the schedule runs one every 30 minutes). */
  static final Duration STALE = Duration.ofHours(1);

  @Option(names = "--html", paramLabel = "FILE")
  Path html;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Connection conn = connection) {
      LatestEvaluation latest =
          LatestEvaluation.find(conn.client(), catalogServices(conn))
              .orElseThrow(
                  () ->
                      new CliFailure(
                          ExitCodes.NOT_FOUND,
                          "no readiness evaluation has completed yet: run dr readiness, or apply"
                              + " the catalog's schedules (dr schedules apply), which evaluate"
                              + " every 30 minutes"));
      String link = conn.runLink(latest.workflowId(), latest.runId());
      if (html != null) write(latest, link);
      if (json.on()) {
        JsonOption.print(out, latest);
      } else {
        out.print(PostureTable.render(latest.result()));
        String failing = PostureTable.failing(latest.result());
        if (!failing.isEmpty())
          out.printf("%nFailing checks (dr readiness shows each in full):%n%s", failing);
        Duration age = Duration.between(latest.result().evaluatedAt(), Instant.now());
        out.printf("%n%s%n", latest.result().summary());
        for (LatestEvaluation.Source from : latest.sources())
          out.printf(
              "Evaluated %s ago by %s%s%s%n",
              PostureTable.minutes(
                  Duration.between(from.evaluatedAt(), Instant.now()).withNanos(0)),
              from.workflowId(),
              latest.sources().size() == 1 ? "" : " (" + String.join(", ", from.services()) + ")",
              from.workflowId().equals(latest.workflowId()) && link != null
                  ? " (" + link + ")"
                  : "");
        if (age.compareTo(STALE) > 0)
          out.printf(
              "STALE: a service's newest evaluation is over an hour old; is the readiness"
                  + " schedule paused?%n");
        if (html != null) out.printf("Page: %s%n", html.toAbsolutePath());
      }
      return latest.result().ready() ? ExitCodes.OK : ExitCodes.OUTCOME_NOT_SUCCESS;
    }
  }

  private void write(LatestEvaluation latest, String link) {
    try {
      Path parent = html.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      Files.writeString(html, PosturePage.render(latest.result(), latest.workflowId(), link));
    } catch (IOException e) {
      throw new CliFailure(
          ExitCodes.BAD_INPUT, "--html: cannot write " + html + ": " + e.getMessage());
    }
  }

  /**
   * The catalog's services, each shown from the newest evaluation that covered it; none (the newest
   * evaluation alone) when this machine has no catalog to read.
   */
  private static java.util.Set<String> catalogServices(Connection conn) {
    try {
      return conn.loadCatalog().services().keySet();
    } catch (RuntimeException e) {
      return java.util.Set.of();
    }
  }
}
