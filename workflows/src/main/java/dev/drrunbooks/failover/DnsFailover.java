package dev.drrunbooks.failover;

import dev.drrunbooks.lock.LockedResource;
import dev.drrunbooks.runbook.Procedure;

/**
 * Failover and failback are one workflow; a failback run is tagged and named {@link #FAILBACK_KEY}.
 */
public final class DnsFailover {
  /** Its entry in the runbook's registry ({@link dev.drrunbooks.runbook.Runbook}). */
  public static final Procedure<DnsFailoverWorkflow, DnsFailoverResult> PROCEDURE =
      Procedure.of(DnsFailoverWorkflow.class, DnsFailoverWorkflowImpl.class)
          .startedBy("failover", DnsFailoverWorkflowImpl.RULES)
          .locking(LockedResource.DNS_RECORD)
          .reportedAs(DnsFailoverReport.MAPPING);

  /** The tag and id prefix of a DNS failback run (the failover workflow run backwards). */
  public static final String FAILBACK_KEY = "dns-failback";

  private DnsFailover() {}
}
