package dev.drrunbooks.starter.commands;

import dev.drrunbooks.approval.BreakGlass;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --break-glass --who NAME --why REASON}: pass a gate the catalog requires without an
 * answer, recorded as break-glass ({@code dr failover}, {@code dr failback}, {@code dr
 * standby-failover}).
 */
final class BreakGlassOption {
  @Option(names = "--break-glass")
  boolean breakGlass;

  @Option(names = "--who", descriptionKey = "failover.who")
  String who;

  @Option(names = "--why", descriptionKey = "failover.why")
  String why;

  /**
   * The input's breakGlass, or null without {@code --break-glass}.
   *
   * @throws ParameterException --who or --why without --break-glass, --break-glass without both, or
   *     with a gate timeout (there is no gate to time out)
   */
  BreakGlass toInput(CommandSpec spec, ApprovalTimeout timeout) {
    if (!breakGlass) {
      if (who != null || why != null) {
        throw new ParameterException(
            spec.commandLine(),
            "--who and --why go with --break-glass; answer a gate with " + "dr approve");
      }
      return null;
    }
    if (who == null || who.isBlank() || why == null || why.isBlank()) {
      throw new ParameterException(
          spec.commandLine(), "--break-glass needs --who NAME and --why REASON");
    }
    if (timeout.approvalTimeout != null || timeout.onTimeout != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--break-glass skips the gate: give no --approval-timeout or "
              + "--on-approval-timeout with it");
    }
    return new BreakGlass(who, why);
  }
}
