package dev.drrunbooks.starter.commands;

import dev.drrunbooks.standby.StandbyInstantiate;
import dev.drrunbooks.standby.StandbyInstantiateCheck;
import dev.drrunbooks.standby.StandbyInstantiateInput;
import dev.drrunbooks.standby.StandbyInstantiateResult;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.ResultPrinter;
import dev.drrunbooks.starter.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dr standby-instantiate}: audit (default) or create (--apply) the cross-region read replica
 * each replica-strategy service keeps as its standby, and audit (or add, with --apply) the
 * secondary cluster of each aurora-global service. Exit 0 when every standby is compliant or was
 * created; the outcome code when one is missing (audit), of another source, no replica, degraded,
 * or failed.
 */
@Command(name = "standby-instantiate")
public final class StandbyInstantiateCommand extends ConnectedCommand {
  @Option(names = "--service", defaultValue = "all")
  String service;

  @Option(names = "--apply")
  boolean apply;

  @Option(names = "--wait-budget")
  String waitBudget;

  @Option(names = "--no-wait")
  boolean noWait;

  @Override
  public Integer call() {
    StandbyInstantiateInput in =
        new StandbyInstantiateInput(service, apply ? Boolean.TRUE : null, waitBudget);
    return start(
        StandbyInstantiate.PROCEDURE,
        in.selector(),
        (apply ? "apply-" : "audit-") + in.selector(),
        in,
        null,
        noWait,
        (out, r) -> {
          new ResultPrinter(out).timeline(r.timeline());
          out.println();
          out.print(render(r));
          return r.allHealthy() ? ExitCodes.OK : ExitCodes.OUTCOME_NOT_SUCCESS;
        });
  }

  /** The checks as a table; each check's detail is a numbered note under it. */
  static String render(StandbyInstantiateResult r) {
    Table table = new Table("SERVICE", "REPLICA", "FOUND", "ACTION", "LAG", "NOTE");
    TableNotes notes = new TableNotes();
    for (StandbyInstantiateCheck c : r.checks()) {
      String found = notes.cell(c.found(), null, c.replica() + " found");
      String note = c.detail() == null ? null : notes.add(c.replica() + ": " + c.detail());
      table.row(
          c.service(),
          c.replica(),
          found,
          c.action(),
          c.lagSeconds() == null ? "-" : c.lagSeconds() + " s",
          note);
    }
    StringBuilder out = new StringBuilder(r.checks().isEmpty() ? "" : table.render());
    if (!notes.isEmpty()) out.append('\n').append(notes.text());
    out.append(
        String.format(
            "%nStandby instantiate %s of %s: %s%n",
            r.mode(), String.join(", ", r.services()), r.summary()));
    return out.toString();
  }
}
