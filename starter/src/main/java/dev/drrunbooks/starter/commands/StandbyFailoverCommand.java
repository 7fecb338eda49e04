package dev.drrunbooks.starter.commands;

import dev.drrunbooks.standby.StandbyFailover;
import dev.drrunbooks.standby.StandbyFailoverInput;
import dev.drrunbooks.standby.StandbyFailoverOutcome;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.InputFile;
import dev.drrunbooks.starter.ResultPrinter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dr standby-failover}: promote a service's warm standby (its cross-region read replica),
 * move the application's database pointer, check the data; one run per service at a time (the run's
 * own lock on the server); with {@code --failback}, the same back to the primary region after a
 * replicate-back. Exit 0 when promoted, the outcome code when refused or aborted.
 */
@Command(name = "standby-failover")
public final class StandbyFailoverCommand extends ConnectedCommand {
  @Option(names = "--service", descriptionKey = "catalog-service")
  String service;

  @Option(names = "--accept-data-loss")
  boolean acceptDataLoss;

  @Option(names = "--switch-traffic")
  boolean switchTraffic;

  @Option(names = "--unplanned")
  boolean unplanned;

  @Option(names = "--failback")
  boolean failback;

  @Mixin BreakGlassOption breakGlass;

  @Mixin ApprovalTimeout timeout;

  @Option(names = "--incident-time", descriptionKey = "failover.incident-time")
  String incidentTime;

  @Option(names = "--input", paramLabel = "FILE")
  Path input;

  @Option(names = "--no-wait")
  boolean noWait;

  @Override
  public Integer call() {
    StandbyFailoverInput in =
        input != null
            ? InputFile.read(spec, input, StandbyFailoverInput.class)
            : new StandbyFailoverInput(
                service,
                acceptDataLoss ? Boolean.TRUE : null,
                switchTraffic ? Boolean.TRUE : null,
                incidentTime,
                null,
                timeout.approvalTimeout,
                timeout.onTimeout,
                breakGlass.toInput(spec, timeout),
                unplanned ? Boolean.TRUE : null,
                failback ? Boolean.TRUE : null);
    requireService(in.service());
    return start(
        StandbyFailover.PROCEDURE,
        in.service(),
        in.service(),
        in,
        input,
        noWait,
        (out, r) -> {
          ResultPrinter printer = new ResultPrinter(out);
          printer.timeline(r.timeline());
          if (r.assessment() != null) out.println("  assessed: " + r.assessment());
          if (r.checks() != null) printer.validation(r.checks());
          if (r.rto() != null) printer.rto(r.rto());
          if (r.rpo() != null) printer.rpo(r.rpo());
          out.printf("%n%s: %s%n", r.outcome(), r.summary());
          return r.outcome() == StandbyFailoverOutcome.PROMOTED
                  || r.outcome() == StandbyFailoverOutcome.ALREADY_DONE
              ? ExitCodes.OK
              : ExitCodes.OUTCOME_NOT_SUCCESS;
        });
  }
}
