package dev.drrunbooks.starter.commands;

import dev.drrunbooks.readiness.Ages;
import dev.drrunbooks.readiness.ReadinessCheck;
import dev.drrunbooks.readiness.ReadinessEvaluation;
import dev.drrunbooks.readiness.ReadinessInput;
import dev.drrunbooks.readiness.ReadinessResult;
import dev.drrunbooks.readiness.ServiceReadiness;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.ResultPrinter;
import dev.drrunbooks.starter.Table;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/**
 * {@code dr readiness}: runs a readiness evaluation now (the catalog's schedule runs one every 30
 * minutes) and prints each service's failing checks; exit 6 when a service is not ready.
 */
@Command(name = "readiness")
public final class ReadinessCommand extends RunCommand<ReadinessInput, ReadinessResult> {
  public ReadinessCommand() {
    super(ReadinessEvaluation.PROCEDURE, ReadinessInput.class, "--service");
  }

  @Override
  String subject(ReadinessInput in) {
    return in.selector();
  }

  @Override
  int print(ReadinessResult r, ResultPrinter print, PrintWriter out) {
    TableNotes notes = new TableNotes();
    Table services =
        new Table(
            "SERVICE", "READY", "RTO", "RPO", "REGION LOSS WOULD LOSE", "DECIDED BY", "FAILING");
    Table failing = new Table("SERVICE", "CHECK", "EXPECTED", "FOUND", "VERDICT");
    for (ServiceReadiness s : r.services()) {
      services.row(
          s.service(),
          s.ready() ? "yes" : "NO",
          Ages.of(s.objectives().rto()),
          Ages.of(s.objectives().rpo()),
          Ages.of(s.predictedRpo()),
          s.predictedRpoBasis() == null
              ? "-"
              : notes.cell(s.predictedRpoBasis(), null, s.service() + " region loss decided by"),
          s.failing().size());
    }
    for (ServiceReadiness s : r.services()) {
      for (ReadinessCheck c : s.failing())
        failing.row(
            s.service(),
            c.check(),
            notes.cell(c.expected(), null, s.service() + " " + c.check() + " expected"),
            notes.cell(c.found(), c.expected(), s.service() + " " + c.check() + " found"),
            c.verdict());
    }
    out.println();
    out.print(services.render());
    if (r.services().stream().anyMatch(s -> !s.failing().isEmpty())) {
      out.println();
      out.print(failing.render());
    }
    if (!notes.isEmpty()) out.append('\n').append(notes.text());
    out.printf("%n%s%n", r.summary());
    return r.ready() ? ExitCodes.OK : ExitCodes.OUTCOME_NOT_SUCCESS;
  }
}
