package dev.drrunbooks.starter.commands;

import dev.drrunbooks.standby.StandbyFailover;
import dev.drrunbooks.standby.StandbyFailoverInput;
import dev.drrunbooks.standby.StandbyFailoverOutcome;
import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.InputFile;
import dev.drrunbooks.starter.ResultPrinter;
import dev.drrunbooks.starter.RunStarter;
import dev.drrunbooks.starter.StartCheck;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code dr standby-failover}: promote a service's warm standby (its cross-region read replica),
 * move the application's database pointer, check the data; one run per service at a time (the run's
 * own lock on the server). Exit 0 when promoted, the outcome code when refused or aborted.
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
                unplanned ? Boolean.TRUE : null);
    if (in.service() == null || in.service().isBlank())
      throw new ParameterException(
          spec.commandLine(), "--service is required (a catalog key such as payments)");
    // What the run would refuse is refused here, before connecting: no run is created.
    StartCheck.check(spec, connection, StandbyFailover.PROCEDURE, in, input);
    try (Connection conn = connection) {
      RunStarter runs =
          new RunStarter(conn, spec.commandLine().getOut(), spec.commandLine().getErr(), json.on());
      return runs.start(
          StandbyFailover.PROCEDURE,
          in.service(),
          in.service(),
          in,
          noWait,
          r -> {
            var out =
                json.on() ? new PrintWriter(Writer.nullWriter()) : spec.commandLine().getOut();
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
}
