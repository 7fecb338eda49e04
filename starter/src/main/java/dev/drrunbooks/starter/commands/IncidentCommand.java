package dev.drrunbooks.starter.commands;

import dev.drrunbooks.catalog.Durations;
import dev.drrunbooks.incident.Acknowledgement;
import dev.drrunbooks.incident.ChildRecovery;
import dev.drrunbooks.incident.IncidentInput;
import dev.drrunbooks.incident.IncidentNote;
import dev.drrunbooks.incident.IncidentResponseWorkflow;
import dev.drrunbooks.incident.IncidentResult;
import dev.drrunbooks.incident.IncidentStatus;
import dev.drrunbooks.incident.PhaseStatus;
import dev.drrunbooks.incident.RecoveryRequest;
import dev.drrunbooks.incident.Resolution;
import dev.drrunbooks.incident.ServiceRecovery;
import dev.drrunbooks.incident.SeverityChange;
import dev.drrunbooks.incident.Verification;
import dev.drrunbooks.report.FollowUpDrill;
import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.InputFile;
import dev.drrunbooks.starter.JsonOption;
import dev.drrunbooks.starter.ResultPrinter;
import dev.drrunbooks.starter.RunIdResolver;
import dev.drrunbooks.starter.RunLookup;
import dev.drrunbooks.starter.RunStarter;
import dev.drrunbooks.starter.StartCheck;
import dev.drrunbooks.starter.Table;
import dev.drrunbooks.starter.WorkflowIds;
import io.temporal.client.WorkflowStub;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dr incident open|ack|severity|note|recover|verify|resolve|status}: one IncidentResponse
 * run per incident, id {@code incident-<yyyyMMddTHHmm>-<first service>} (UTC); every other verb
 * takes that id and sends a validated Update, printing the run's answer or why it refused.
 */
@Command(
    name = "incident",
    mixinStandardHelpOptions = true,
    description =
        "The runbook's incident response as a long-running run: phases with deadlines (missed ones"
            + " are escalated to DR_ESCALATION_WEBHOOK), steered by updates, ended by resolve with"
            + " a post-incident review.",
    subcommands = {
      IncidentCommand.Open.class,
      IncidentCommand.Ack.class,
      IncidentCommand.Severity.class,
      IncidentCommand.Note.class,
      IncidentCommand.Recover.class,
      IncidentCommand.Verify.class,
      IncidentCommand.Resolve.class,
      IncidentCommand.Status.class
    })
public final class IncidentCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /**
   * {@code incident-response-inventory-20261127T140005Z-k3f9}: unique per start, like every run id.
   */
  public static String incidentId(String firstService, Instant at) {
    return Procedure.INCIDENT_RESPONSE.runId(firstService, at, WorkflowIds.suffix());
  }

  @Command(
      name = "open",
      mixinStandardHelpOptions = true,
      description =
          "Open an incident (as an alert or a bot would); prints its id and returns at once.")
  static final class Open implements Callable<Integer> {
    @Mixin Connection connection;
    @Mixin JsonOption json;

    /** What {@code --json} prints. */
    public record Opened(String incidentId) {}

    @Spec CommandSpec spec;

    @Option(
        names = "--severity",
        description = "P1 (complete outage), P2 (partial degradation), P3, P4")
    String severity;

    @Option(names = "--service", description = "An affected catalog service; repeat for several")
    List<String> services;

    @Option(names = "--summary", description = "What is wrong, in a line")
    String summary;

    @Option(names = "--detected-at", description = "When the alert fired (ISO-8601, default now)")
    String detectedAt;

    @Option(names = "--opened-by", description = "Who or what opens it (default: alert)")
    String openedBy;

    @Option(
        names = "--input",
        description = "A file holding the workflow input as JSON (instead of the flags above)",
        paramLabel = "FILE")
    Path input;

    @Override
    public Integer call() {
      IncidentInput in =
          input != null
              ? InputFile.read(spec, input, IncidentInput.class)
              : new IncidentInput(severity, services, summary, detectedAt, openedBy);
      if (in.services() == null || in.services().isEmpty() || in.services().get(0) == null) {
        throw new ParameterException(
            spec.commandLine(), "--service is required (a catalog key such as inventory)");
      }
      if (in.severity() == null || in.summary() == null) {
        throw new ParameterException(spec.commandLine(), "--severity and --summary are required");
      }
      // What the run would refuse is refused here, before connecting: no run is created.
      StartCheck.check(spec, connection, Procedure.INCIDENT_RESPONSE, in, input);
      String id = incidentId(in.services().get(0).trim(), Instant.now());
      PrintWriter out = spec.commandLine().getOut();
      try (Connection conn = connection) {
        RunStarter runs = new RunStarter(conn, out, spec.commandLine().getErr(), json.on());
        // Confirmed, not just started: a run that fails at once (a service the worker's catalog
        // lacks) is not "open".
        int code =
            runs.startConfirmed(
                id, Procedure.INCIDENT_RESPONSE, String.join(",", in.services()), in, "opening");
        if (json.on()) JsonOption.print(out, new Opened(id));
        else out.printf("Incident %s open. Next: dr incident ack %s --who YOU --why ...%n", id, id);
        return code;
      }
    }
  }

  /**
   * Connects, sends one update to the incident, prints its answer; a refusal by the run's
   * validator, an unknown or finished incident reach the operator through the starter's exception
   * handler (exit 3 or 4).
   */
  abstract static class Steer implements Callable<Integer> {
    @Mixin Connection connection;
    @Mixin JsonOption json;
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = "INCIDENT_ID",
        description =
            "e.g. incident-response-inventory-20261127T140005Z-k3f9, or a prefix only it starts"
                + " with")
    String incidentId;

    abstract int send(IncidentResponseWorkflow incident, PrintWriter out, Connection conn);

    /** The incident's status as the run answered it: as text, or as JSON under --json. */
    void print(PrintWriter out, IncidentStatus s) {
      if (json.on()) JsonOption.print(out, s);
      else IncidentCommand.print(out, s);
    }

    /** Whether the verb needs a running incident (an update does; reading the status does not). */
    boolean needsRunningIncident() {
      return true;
    }

    @Override
    public final Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Connection conn = connection) {
        incidentId = RunIdResolver.resolve(conn.client(), incidentId);
        IncidentResponseWorkflow incident =
            conn.client().newWorkflowStub(IncidentResponseWorkflow.class, incidentId);
        WorkflowStub run = WorkflowStub.fromTyped(incident);
        if (!needsRunningIncident()) {
          RunLookup.describe(run, incidentId);
          return send(incident, out, conn);
        }
        return RunLookup.whileRunning(run, incidentId, () -> send(incident, out, conn));
      } finally {
        out.flush();
      }
    }
  }

  /**
   * Who changes the incident and why, both required: the run records them with the change (its
   * timeline, the post-incident review).
   */
  static final class Decision {
    @Option(names = "--who", required = true)
    String who;

    @Option(names = "--why", required = true)
    String why;
  }

  @Command(
      name = "ack",
      mixinStandardHelpOptions = true,
      description = "Take the incident (ends detection).")
  static final class Ack extends Steer {
    @Option(names = "--who", required = true)
    String who;

    @Option(names = "--why", description = "Optional remark")
    String why;

    @Override
    int send(IncidentResponseWorkflow incident, PrintWriter out, Connection conn) {
      print(out, incident.acknowledge(new Acknowledgement(who, why)));
      return 0;
    }
  }

  @Command(
      name = "severity",
      mixinStandardHelpOptions = true,
      description =
          "Change the severity; the deadlines of phases not done are recomputed from detection.")
  static final class Severity extends Steer {
    @Parameters(index = "1", paramLabel = "SEVERITY", description = "P1, P2, P3 or P4")
    String severity;

    @Mixin Decision by;

    @Override
    int send(IncidentResponseWorkflow incident, PrintWriter out, Connection conn) {
      print(out, incident.changeSeverity(new SeverityChange(severity, by.who, by.why)));
      return 0;
    }
  }

  @Command(
      name = "note",
      mixinStandardHelpOptions = true,
      description =
          "Attach a note; --kind assessment|communication|recovery marks that phase done.")
  static final class Note extends Steer {
    @Parameters(index = "1", paramLabel = "TEXT")
    String text;

    @Option(names = "--who", required = true)
    String who;

    @Option(names = "--kind", description = "note (default), assessment, communication, recovery")
    String kind;

    @Override
    int send(IncidentResponseWorkflow incident, PrintWriter out, Connection conn) {
      print(out, incident.note(new IncidentNote(who, text, kind)));
      return 0;
    }
  }

  @Command(
      name = "recover",
      mixinStandardHelpOptions = true,
      description =
          "Start a recovery procedure as a child run with its own approval gate; prints its id "
              + "(approve it with dr approve CHILD_ID ...).")
  static final class Recover extends Steer {
    /** What {@code --json} prints: the child run started. */
    public record RecoveryStarted(String incidentId, String kind, String recovery) {}

    @Parameters(
        index = "1",
        paramLabel = "KIND",
        description = "failover, restore, ecs or data (corrupted-data recovery)")
    String kind;

    @Option(names = "--service", required = true)
    String service;

    @Mixin Decision by;

    @Option(names = "--force", description = "failover: even if the primary looks healthy")
    Boolean force;

    @Option(names = "--no-approval", description = "failover: skip the approval gate")
    boolean noApproval;

    @Option(names = "--stages", split = ",", description = "failover: e.g. 10,50,100")
    List<Integer> stages;

    @Option(names = "--restore-time", description = "restore: an instant or latest")
    String restoreTime;

    @Option(
        names = "--corruption-time",
        description = "data: when the corruption began, if known (else found in the audit trail)")
    String corruptionTime;

    @Option(names = "--target-instance", description = "restore: the new instance's id")
    String targetInstance;

    @Option(names = "--region", description = "ecs: primary (default), dr, or a region")
    String region;

    @Option(names = "--task-definition", description = "ecs: family:label or family:revision")
    String taskDefinition;

    @Option(names = "--desired-count", description = "ecs: default the catalog's")
    Integer desiredCount;

    @Override
    int send(IncidentResponseWorkflow incident, PrintWriter out, Connection conn) {
      String child =
          incident.recover(
              new RecoveryRequest(
                  kind,
                  service,
                  by.who,
                  by.why,
                  force,
                  noApproval ? false : null,
                  stages,
                  restoreTime,
                  targetInstance,
                  region,
                  taskDefinition,
                  desiredCount,
                  corruptionTime));
      if (json.on()) {
        JsonOption.print(out, new RecoveryStarted(incidentId, kind, child));
        return 0;
      }
      out.printf(
          "Started %s for %s: %s%n  Its gate, if any: dr status %s; dr approve %s --step ... --who"
              + " ... --why ...%n",
          kind, incidentId, child, child, child);
      return 0;
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description =
          "Mark services verified (smoke tests, metrics); their RTO is measured up to now.")
  static final class Verify extends Steer {
    @Option(names = "--service", description = "Default: every affected service not yet verified")
    List<String> services;

    @Mixin Decision by;

    @Override
    int send(IncidentResponseWorkflow incident, PrintWriter out, Connection conn) {
      print(out, incident.verify(new Verification(by.who, by.why, services)));
      return 0;
    }
  }

  @Command(
      name = "resolve",
      mixinStandardHelpOptions = true,
      description =
          "Resolve (needs every service verified, or --force); the run writes the post-incident"
              + " review with the next drill of schedule dr-monthly-dr-drill, and ends.")
  static final class Resolve extends Steer {
    /** What {@code --json} prints; {@code result} null with --no-wait. */
    public record Resolved(String incidentId, String resolvedBy, IncidentResult result) {}

    @Mixin Decision by;

    @Option(
        names = "--force",
        description = "Resolve although not everything is verified (give the reason in --why)")
    boolean force;

    @Option(names = "--root-cause", description = "What is known of the root cause")
    String rootCause;

    @Option(names = "--no-wait", description = "Do not wait for the review")
    boolean noWait;

    @Override
    int send(IncidentResponseWorkflow incident, PrintWriter out, Connection conn) {
      FollowUpDrill drill = ReportCommand.followUpDrill(conn);
      incident.resolve(new Resolution(by.who, by.why, force ? true : null, rootCause, drill));
      json.humanOut(out, spec.commandLine().getErr())
          .printf("%s resolved by %s.%n", incidentId, by.who);
      if (noWait) {
        if (json.on()) JsonOption.print(out, new Resolved(incidentId, by.who, null));
        return 0;
      }
      IncidentResult r = WorkflowStub.fromTyped(incident).getResult(IncidentResult.class);
      if (json.on()) {
        JsonOption.print(out, new Resolved(incidentId, by.who, r));
        return 0;
      }
      new ResultPrinter(out).timeline(r.timeline());
      Table objectives = new Table("SERVICE", "RTO", "ACHIEVED", "", "RPO", "ACHIEVED", "");
      for (ServiceRecovery s : r.objectives()) {
        objectives.row(
            s.service(),
            fmt(s.rto().objective()),
            fmt(s.rto().achieved()),
            verdict(s.rto()),
            s.rpo() == null ? null : fmt(s.rpo().objective()),
            s.rpo() == null ? null : fmt(s.rpo().achieved()),
            s.rpo() == null ? null : verdict(s.rpo()));
      }
      out.printf("%n%s%n", objectives.render());
      out.printf("%s%n", r.summaryLine());
      if (r.review() != null) {
        out.printf(
            "Report: %s%nPost-incident review: dr report %s --review%n",
            r.review().markdown(), incidentId);
      } else {
        out.printf(
            "The report was not written: see the timeline above; dr report %s --review writes it"
                + " again.%n",
            incidentId);
      }
      out.printf(
          "Follow-up drill: %s%n",
          r.followUpDrill() == null
              ? "-"
              : r.followUpDrill().nextRun() != null
                  ? r.followUpDrill().nextRun()
                      + " (schedule "
                      + r.followUpDrill().scheduleId()
                      + ")"
                  : r.followUpDrill().note());
      return 0;
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description =
          "Phase, each phase against its deadline, the recoveries started and their state.")
  static final class Status extends Steer {
    @Override
    boolean needsRunningIncident() {
      return false;
    }

    @Override
    int send(IncidentResponseWorkflow incident, PrintWriter out, Connection conn) {
      print(out, incident.status());
      return 0;
    }
  }

  static void print(PrintWriter out, IncidentStatus s) {
    out.printf(
        "%s  %s  %s  phase %s%s%n",
        s.incidentId(),
        s.severity(),
        String.join(",", s.services()),
        s.phase(),
        s.resolved() ? " (resolved)" : "");
    out.printf("%s%n", s.summary());
    out.printf(
        "detected %s, %s ago; acknowledged by %s; escalations %d; verified: %s%n",
        s.detectedAt(),
        fmt(s.elapsed()),
        s.acknowledgedBy() == null ? "nobody yet" : s.acknowledgedBy(),
        s.escalations(),
        s.verified().isEmpty() ? "none" : String.join(", ", s.verified()));
    Table phases = new Table("PHASE", "DEADLINE", "STATE", "DONE", "BY", "LEFT", "ESCALATED");
    for (PhaseStatus p : s.phases()) {
      phases.row(
          p.phase(),
          p.deadline(),
          p.state(),
          p.doneAt(),
          p.doneBy(),
          p.left() == null
              ? null
              : (p.left().isNegative() ? "-" + fmt(p.left().negated()) : fmt(p.left())),
          p.escalated() ? "yes" : "no");
    }
    out.printf("%n%s", phases.render());
    if (!s.children().isEmpty()) {
      Table children = new Table("RECOVERY", "KIND", "SERVICE", "STATE", "STARTED BY", "DETAIL");
      for (ChildRecovery c : s.children()) {
        children.row(c.workflowId(), c.kind(), c.service(), c.state(), c.startedBy(), c.detail());
      }
      out.printf("%n%s", children.render());
    }
    s.rejectedSignals().forEach(r -> out.printf("rejected signal %s%n", r.line()));
  }

  private static String fmt(Duration d) {
    return d == null ? "-" : Durations.format(d.withNanos(0));
  }

  private static String verdict(dev.drrunbooks.model.ObjectiveCheck c) {
    if (c == null || c.achieved() == null) return "not measured";
    return c.breached() ? "BREACHED" : "met";
  }
}
