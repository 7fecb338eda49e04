package dev.drrunbooks.starter.runs;

import dev.drrunbooks.failover.DnsFailover;
import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.runbook.Runbook;
import dev.drrunbooks.starter.CliFailure;
import dev.drrunbooks.starter.ExitCodes;
import java.util.ArrayList;
import java.util.List;

/**
 * A procedure as an operator names it on the command line: its key (what runs carry in DrProcedure:
 * {@code data-recovery}) or its {@code dr} command ({@code recover-data}); {@code failback} and
 * {@code dns-failback} name failback runs.
 */
public final class ProcedureName {
  private ProcedureName() {}

  /**
   * The DrProcedure value {@code given} names.
   *
   * @param option the flag it came from, for the message
   * @throws CliFailure bad input naming the flag, the value and every name allowed
   */
  public static String key(String option, String given) {
    String name = given == null ? "" : given.strip();
    if (name.equals("failback") || name.equals(DnsFailover.FAILBACK_KEY))
      return DnsFailover.FAILBACK_KEY;
    for (Procedure<?, ?> p : Runbook.procedures()) {
      if (p.key().equals(name) || p.command().equals(name)) return p.key();
    }
    throw new CliFailure(
        ExitCodes.BAD_INPUT,
        option
            + ": '"
            + given
            + "' is not a procedure; allowed (key or command): "
            + String.join(", ", allowed()));
  }

  /** Every procedure as "key (command)", failback included. */
  static List<String> allowed() {
    List<String> names = new ArrayList<>();
    for (Procedure<?, ?> p : Runbook.procedures()) {
      names.add(p.key().equals(p.command()) ? p.key() : p.key() + " (" + p.command() + ")");
    }
    names.add(DnsFailover.FAILBACK_KEY + " (failback)");
    return names;
  }
}
