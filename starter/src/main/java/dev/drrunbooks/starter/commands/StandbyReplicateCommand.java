package dev.drrunbooks.starter.commands;

import dev.drrunbooks.standby.StandbyReplicate;
import dev.drrunbooks.standby.StandbyReplicateInput;
import dev.drrunbooks.standby.StandbyReplicateOutcome;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.ResultPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dr standby-replicate}: after a standby failover, re-create the standby in the other
 * direction; with {@code --replace-old-primary}, delete the old primary first where the catalog
 * marks it replaceable and its gate approves; for an aurora-global service, verify (or wait for)
 * the old primary cluster as the global cluster's secondary; with {@code --failback}, after a
 * failback, re-create the standby in the DR region as the catalog describes it. Exit 0 when the
 * reverse replica replicates; the outcome code when the old primary is in the way (or, for Aurora,
 * removed from the global cluster) or the gate said no.
 */
@Command(name = "standby-replicate")
public final class StandbyReplicateCommand extends ConnectedCommand {
  @Option(names = "--service", descriptionKey = "catalog-service")
  String service;

  @Option(names = "--replace-old-primary")
  boolean replaceOldPrimary;

  @Option(names = "--failback")
  boolean failback;

  @Option(names = "--wait-budget")
  String waitBudget;

  @Option(names = "--approval-timeout")
  String approvalTimeout;

  @Option(names = "--no-wait")
  boolean noWait;

  @Override
  public Integer call() {
    StandbyReplicateInput in =
        new StandbyReplicateInput(
            service,
            replaceOldPrimary ? Boolean.TRUE : null,
            waitBudget,
            approvalTimeout,
            failback ? Boolean.TRUE : null);
    requireService(in.service());
    return start(
        StandbyReplicate.PROCEDURE,
        in.service(),
        in.service(),
        in,
        null,
        noWait,
        (out, r) -> {
          new ResultPrinter(out).timeline(r.timeline());
          out.printf("%n%s: %s%n", r.outcome(), r.summary());
          return r.outcome() == StandbyReplicateOutcome.REPLICATING
              ? ExitCodes.OK
              : ExitCodes.OUTCOME_NOT_SUCCESS;
        });
  }
}
