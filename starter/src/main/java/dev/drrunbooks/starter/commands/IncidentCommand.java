package dev.drrunbooks.starter.commands;

import dev.drrunbooks.catalog.Durations;
import dev.drrunbooks.incident.Acknowledgement;
import dev.drrunbooks.incident.ChildRecovery;
import dev.drrunbooks.incident.IncidentInput;
import dev.drrunbooks.incident.IncidentNote;
import dev.drrunbooks.incident.IncidentResponse;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code dr incident open|ack|severity|note|recover|verify|resolve|status}: one IncidentResponse
 * run per incident, id {@code incident-<yyyyMMddTHHmm>-<first service>} (UTC); every other verb
 * takes that id and sends a validated Update, printing the run's answer or why it refused.
 */
@Command(name = "incident")
public final class IncidentCommand extends CommandGroup {
  public IncidentCommand() {
    super("open ack severity note recover verify resolve status");
  }

  /**
   * {@code incident-response-inventory-20261127T140005Z-k3f9}: unique per start, like every run id.
   */
  public static String incidentId(String firstService, Instant at) {
    return IncidentResponse.PROCEDURE.runId(firstService, at, WorkflowIds.suffix());
  }

  @Command(name = "open")
  static final class Open extends ConnectedCommand {
    /** What {@code --json} prints. */
    public record Opened(String incidentId) {}

    @Option(names = "--severity")
    String severity;

    @Option(names = "--service")
    List<String> services;

    @Option(names = "--summary")
    String summary;

    @Option(names = "--detected-at")
    String detectedAt;

    @Option(names = "--opened-by")
    String openedBy;

    @Option(names = "--input", paramLabel = "FILE")
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
      StartCheck.check(spec, connection, IncidentResponse.PROCEDURE, in, input);
      String id = incidentId(in.services().get(0).trim(), Instant.now());
      PrintWriter out = spec.commandLine().getOut();
      try (Connection conn = connection) {
        RunStarter runs = new RunStarter(conn, out, spec.commandLine().getErr(), json.on());
        // Confirmed, not just started: a run that fails at once (a service the worker's catalog
        // lacks) is not "open".
        int code =
            runs.startConfirmed(
                id, IncidentResponse.PROCEDURE, String.join(",", in.services()), in, "opening");
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
  abstract static class Steer extends ConnectedCommand {
    @Parameters(index = "0", paramLabel = "INCIDENT_ID")
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

  @Command(name = "ack")
  static final class Ack extends Steer {
    @Option(names = "--who", required = true)
    String who;

    @Option(names = "--why")
    String why;

    @Override
    int send(IncidentResponseWorkflow incident, PrintWriter out, Connection conn) {
      print(out, incident.acknowledge(new Acknowledgement(who, why)));
      return 0;
    }
  }

  @Command(name = "severity")
  static final class Severity extends Steer {
    @Parameters(index = "1", paramLabel = "SEVERITY")
    String severity;

    @Mixin Decision by;

    @Override
    int send(IncidentResponseWorkflow incident, PrintWriter out, Connection conn) {
      print(out, incident.changeSeverity(new SeverityChange(severity, by.who, by.why)));
      return 0;
    }
  }

  @Command(name = "note")
  static final class Note extends Steer {
    @Parameters(index = "1", paramLabel = "TEXT")
    String text;

    @Option(names = "--who", required = true)
    String who;

    @Option(names = "--kind")
    String kind;

    @Override
    int send(IncidentResponseWorkflow incident, PrintWriter out, Connection conn) {
      print(out, incident.note(new IncidentNote(who, text, kind)));
      return 0;
    }
  }

  @Command(name = "recover")
  static final class Recover extends Steer {
    /** What {@code --json} prints: the child run started. */
    public record RecoveryStarted(String incidentId, String kind, String recovery) {}

    @Parameters(index = "1", paramLabel = "KIND")
    String kind;

    @Option(names = "--service", required = true)
    String service;

    @Mixin Decision by;

    @Option(names = "--force")
    Boolean force;

    @Option(names = "--no-approval")
    boolean noApproval;

    @Option(names = "--stages", split = ",")
    List<Integer> stages;

    @Option(names = "--restore-time")
    String restoreTime;

    @Option(names = "--corruption-time")
    String corruptionTime;

    @Option(names = "--target-instance")
    String targetInstance;

    @Mixin EcsTarget ecs;

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
                  ecs.region,
                  ecs.taskDefinition,
                  ecs.desiredCount,
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

  @Command(name = "verify")
  static final class Verify extends Steer {
    @Option(names = "--service")
    List<String> services;

    @Mixin Decision by;

    @Override
    int send(IncidentResponseWorkflow incident, PrintWriter out, Connection conn) {
      print(out, incident.verify(new Verification(by.who, by.why, services)));
      return 0;
    }
  }

  @Command(name = "resolve")
  static final class Resolve extends Steer {
    /** What {@code --json} prints; {@code result} null with --no-wait. */
    public record Resolved(String incidentId, String resolvedBy, IncidentResult result) {}

    @Mixin Decision by;

    @Option(names = "--force")
    boolean force;

    @Option(names = "--root-cause")
    String rootCause;

    @Option(names = "--no-wait")
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

  @Command(name = "status")
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
