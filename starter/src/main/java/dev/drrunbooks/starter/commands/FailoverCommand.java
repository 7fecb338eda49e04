package dev.drrunbooks.starter.commands;

import dev.drrunbooks.approval.BreakGlass;
import dev.drrunbooks.failover.Direction;
import dev.drrunbooks.failover.DnsFailover;
import dev.drrunbooks.failover.DnsFailoverInput;
import dev.drrunbooks.failover.FailoverOutcome;
import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.InputFile;
import dev.drrunbooks.starter.ResultPrinter;
import dev.drrunbooks.starter.RunStarter;
import dev.drrunbooks.starter.StartCheck;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code dr failover} and {@code dr failback}: the same workflow, one run per DNS record at a time.
 */
public abstract class FailoverCommand extends ConnectedCommand {
  @Option(names = "--service", descriptionKey = "catalog-service")
  String service;

  @Option(names = "--force")
  boolean force;

  /**
   * Gone: a run cannot skip the gate the catalog requires. Kept hidden only to point to
   * --break-glass.
   */
  @Option(names = "--no-approval", hidden = true)
  boolean noApproval;

  @Mixin BreakGlassOption breakGlass;

  @Mixin ApprovalTimeout timeout;

  @Option(names = "--stages", split = ",")
  List<Integer> stages;

  @Option(names = "--incident-time", descriptionKey = "failover.incident-time")
  String incidentTime;

  @Option(names = "--input", paramLabel = "FILE")
  Path input;

  @Option(names = "--no-wait")
  boolean noWait;

  abstract Direction direction();

  /** The break-glass flags as the input's breakGlass; --no-approval is refused, pointing here. */
  private BreakGlass breakGlass() {
    if (noApproval) {
      throw new ParameterException(
          spec.commandLine(),
          "--no-approval is not supported: a run cannot skip the approval gate the service's"
              + " catalog policy requires; in an emergency use --break-glass --who NAME --why"
              + " REASON (recorded as break-glass)");
    }
    return breakGlass.toInput(spec, timeout);
  }

  @Override
  public Integer call() {
    BreakGlass override = breakGlass();
    DnsFailoverInput in =
        input != null
            ? InputFile.read(spec, input, DnsFailoverInput.class)
            : new DnsFailoverInput(
                service,
                direction(),
                force ? Boolean.TRUE : null,
                null,
                null,
                timeout.approvalTimeout,
                timeout.onTimeout,
                stages,
                null,
                incidentTime,
                override,
                null);
    if (in.service() == null || in.service().isBlank()) {
      throw new ParameterException(
          spec.commandLine(), "--service is required (a catalog key such as inventory)");
    }
    // What the run would refuse is refused here, before connecting: no run is created.
    StartCheck.check(spec, connection, DnsFailover.PROCEDURE, in, input);
    // One run per DNS record is the run's own lock (taken on the server whoever starts it), not
    // this id.
    try (Connection conn = connection) {
      RunStarter runs =
          new RunStarter(conn, spec.commandLine().getOut(), spec.commandLine().getErr(), json.on());
      String procedure =
          direction() == Direction.FAILOVER
              ? DnsFailover.PROCEDURE.key()
              : DnsFailover.FAILBACK_KEY;
      return runs.start(
          DnsFailover.PROCEDURE,
          procedure,
          in.service(),
          in.service(),
          in,
          noWait,
          r -> {
            var out =
                json.on() ? new PrintWriter(Writer.nullWriter()) : spec.commandLine().getOut();
            new ResultPrinter(out).timeline(r.timeline());
            r.assessment().forEach(a -> out.println("  assessed: " + a));
            r.verification().forEach(v -> out.println("  verified: " + v.describe()));
            if (r.rto() != null) new ResultPrinter(out).rto(r.rto());
            out.printf("%n%s: %s%n", r.outcome(), r.summary());
            return r.outcome() == FailoverOutcome.ABORTED
                ? ExitCodes.OUTCOME_NOT_SUCCESS
                : ExitCodes.OK;
          });
    }
  }

  @Command(name = "failover")
  public static final class Failover extends FailoverCommand {
    @Override
    Direction direction() {
      return Direction.FAILOVER;
    }
  }

  @Command(name = "failback")
  public static final class Failback extends FailoverCommand {
    @Override
    Direction direction() {
      return Direction.FAILBACK;
    }
  }
}
