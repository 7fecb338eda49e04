package dev.drrunbooks.runbook;

import dev.drrunbooks.catalog.Durations;
import dev.drrunbooks.catalog.Objectives;
import dev.drrunbooks.failover.DnsFailover;
import io.temporal.client.WorkflowOptions;
import io.temporal.workflow.ChildWorkflowOptions;
import java.util.Map;

/**
 * What a run says about itself in the Temporal UI's User Metadata, the same way for every start
 * (the starter, the schedules, an incident's or a drill's children): a one-line summary, e.g.
 * {@code "Point-in-time restore of inventory"}, and Markdown details naming the procedure, the
 * service, its objectives and what the run will touch. Static: set once at the start, no history
 * command of the run's own (so workflow code may add it to a child's options without a version).
 *
 * @param summary one line, at most a few words past the title
 * @param details Markdown, one paragraph a fact
 */
public record RunSummary(String summary, String details) {

  /** What each procedure creates or changes, in its operator's words; a test covers every key. */
  static final Map<String, String> TOUCHES =
      Map.ofEntries(
          Map.entry(
              "backup-policy",
              "reads backup plans and S3 replication; with --apply, changes the backup plan"),
          Map.entry(
              "pitr",
              "creates a restored RDS instance beside the source (tagged with this run); never"
                  + " changes the source database"),
          Map.entry(
              "snapshot-restore",
              "creates an RDS instance from a snapshot (tagged with this run); never changes the"
                  + " source database"),
          Map.entry(
              "backup-validation",
              "creates a throw-away restored copy, queries it read-only, then deletes it"),
          Map.entry(
              "fleet-validation",
              "starts one backup validation per service, a bounded few at a time; each creates and"
                  + " deletes its own throw-away copy"),
          Map.entry(
              "dns-failover",
              "switches the service's Route 53 record to the other region (after its approval"
                  + " gate), holding the record's lock"),
          Map.entry(
              "standby-instantiate",
              "reads each replica-strategy service's standby read replica; with --apply, creates a"
                  + " missing one (tagged with this run, kept as the standby after it: dr cleanup"
                  + " refuses it), holding the service's standby lock; never changes an existing"
                  + " instance"),
          Map.entry(
              "standby-failover",
              "promotes the service's cross-region read replica (after its approval gate; it cannot"
                  + " be undone) and moves the application's database pointer to it, holding the"
                  + " service's standby lock; with --failback, the same back to the primary"
                  + " region"),
          Map.entry(
              "standby-replicate",
              "creates the reverse read replica of the promoted standby in the old primary's region"
                  + " (kept, as a standby); with --replace-old-primary and after its gate, deletes"
                  + " the old primary the catalog marks replaceable, with a final snapshot (with"
                  + " --failback, the DR instance, re-created as the catalog's replica)"),
          Map.entry(
              "ecs-recovery",
              "scales and redeploys the service's ECS service, holding the service's lock"),
          Map.entry(
              "region-evacuation",
              "starts an ECS recovery and a DNS failover per service, behind one approval gate"),
          Map.entry(
              "readiness",
              "reads backup settings, recovery points, S3 replication rules and their CloudWatch"
                  + " ReplicationLatency, the standby's ECS service, DNS record and alarm, and the"
                  + " evidence ledger; starts a backup-policy audit; changes nothing"),
          Map.entry(
              "dr-drill",
              "creates a test environment stack and restored copies, checks them, deletes them"),
          Map.entry(
              "fleet-drill",
              "starts one DR drill per service, a bounded few at a time; each creates and deletes"
                  + " its own test environment stack and restored copies"),
          Map.entry(
              "data-recovery",
              "restores a copy, then (after its confirmation gates) replays good transactions into"
                  + " the source database"),
          Map.entry(
              "incident-response",
              "starts recoveries as child runs when asked; escalates when a phase deadline passes"),
          Map.entry(
              "dr-cleanup",
              "deletes what an ended run created (only resources tagged as that run's)"));

  /**
   * @param key the tag the run gives itself (usually {@code procedure.key()}; {@code dns-failback}
   *     for a failback)
   * @param service the service or services the run is about; null or blank: none named
   * @param objectives the service's catalog objectives; null when unknown or several services
   */
  public static RunSummary of(
      Procedure<?, ?> procedure, String key, String service, Objectives objectives) {
    boolean named = service != null && !service.isBlank();
    String title = DnsFailover.FAILBACK_KEY.equals(key) ? "DNS failback" : procedure.title();
    StringBuilder details =
        new StringBuilder()
            .append("**Procedure:** ")
            .append(title)
            .append(" (`")
            .append(key)
            .append("`, started with `dr ")
            .append(procedure.command())
            .append("`)\n\n**Service:** ")
            .append(named ? service : "none named");
    if (objectives != null) {
      details
          .append("\n\n**Objectives:** RTO ")
          .append(format(objectives.rto()))
          .append(", RPO ")
          .append(format(objectives.rpo()));
    }
    details
        .append("\n\n**Touches:** ")
        .append(TOUCHES.getOrDefault(procedure.key(), "see the runbook"))
        .append("\n\n**Where it is now:** the run's Current Details, or `dr status <workflow id>`");
    return new RunSummary(named ? title + " of " + service : title, details.toString());
  }

  /** As above with the procedure's own key. */
  public static RunSummary of(Procedure<?, ?> procedure, String service, Objectives objectives) {
    return of(procedure, procedure.key(), service, objectives);
  }

  /** Adds the summary and details to a client start's options. */
  public WorkflowOptions.Builder on(WorkflowOptions.Builder options) {
    return options.setStaticSummary(summary).setStaticDetails(details);
  }

  /** Adds the summary and details to a child's options. */
  public ChildWorkflowOptions.Builder on(ChildWorkflowOptions.Builder options) {
    return options.setStaticSummary(summary).setStaticDetails(details);
  }

  private static String format(java.time.Duration d) {
    return d == null ? "none" : Durations.format(d);
  }
}
