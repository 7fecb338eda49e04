package dev.drrunbooks.starter.commands;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drrunbooks.bootstrap.catalog.CatalogException;
import dev.drrunbooks.bootstrap.catalog.CatalogLoader;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.starter.CliFailure;
import dev.drrunbooks.starter.Connection;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.FailureMessage;
import dev.drrunbooks.starter.JsonOption;
import dev.drrunbooks.starter.OneLineErrors;
import dev.drrunbooks.starter.Table;
import dev.drrunbooks.starter.schedules.ScheduleCommandException;
import dev.drrunbooks.starter.schedules.ScheduleManager;
import dev.drrunbooks.starter.schedules.ScheduleManager.Done;
import dev.drrunbooks.starter.schedules.ScheduleManager.Listed;
import dev.drrunbooks.starter.schedules.ScheduleManager.Outcome;
import dev.drrunbooks.starter.schedules.ScheduleManager.Target;
import dev.drrunbooks.starter.schedules.ScheduleManager.Triggered;
import dev.drrunbooks.starter.schedules.ScheduleRow;
import dev.drrunbooks.starter.schedules.ScheduleWords;
import io.temporal.client.schedules.ScheduleActionExecutionStartWorkflow;
import io.temporal.client.schedules.ScheduleActionResult;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleDescription;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The catalog's Temporal Schedules: the monthly DR drill and the weekly backup validations. */
@Command(name = "schedules")
public final class SchedulesCommand extends CommandGroup {
  public SchedulesCommand() {
    super("apply list create update pause unpause trigger delete");
  }

  /**
   * What {@code apply}, {@code create} and {@code update} print under {@code --json}, one per
   * schedule.
   *
   * @param key the catalog key, or null when the catalog does not declare the schedule
   * @param done CREATED, UPDATED, UNCHANGED, DELETED, LEFT_ALONE, REFUSED or FAILED
   * @param detail what it starts and when, or why it was refused, failed or left alone
   */
  public record Applied(String id, String key, Done done, String detail) {}

  /**
   * What {@code pause} and {@code unpause} print under {@code --json}.
   *
   * @param done PAUSED or UNPAUSED
   * @param note the schedule's note now (--why, or who did it)
   * @param nextRunTimes when it runs next (while paused: once unpaused)
   */
  public record PauseChange(
      String id,
      String key,
      String done,
      boolean paused,
      String note,
      List<Instant> nextRunTimes) {}

  /**
   * What {@code trigger} prints under {@code --json}.
   *
   * @param done TRIGGERED
   * @param workflowId the run it started, or null when none showed up within 15 seconds (as runId)
   * @param paused the schedule stays paused: a trigger runs anyway, scheduled times do not
   */
  public record TriggeredRun(
      String id,
      String key,
      String done,
      String workflowId,
      String runId,
      String link,
      boolean paused) {}

  /**
   * What {@code delete} prints under {@code --json}.
   *
   * @param done DELETED
   * @param inCatalog the catalog still declares it: the next apply creates it again
   */
  public record Deleted(String id, String key, String done, boolean inCatalog) {}

  /**
   * Loads the catalog, connects, runs the verb; turns refusals and connection trouble into messages
   * and exit codes.
   */
  abstract static class Verb extends ConnectedCommand {
    @Override
    public final Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Catalog catalog;
      try {
        catalog = CatalogLoader.load(connection.catalog());
      } catch (CatalogException e) {
        err.println(e.getMessage());
        return ExitCodes.BAD_INPUT;
      }
      try (Connection conn = connection) {
        ScheduleClient client =
            ScheduleClient.newInstance(
                conn.connectedStubs(),
                ScheduleClientOptions.newBuilder().setNamespace(conn.namespace()).build());
        return run(new ScheduleManager(client, catalog, conn.taskQueue()), out, conn);
      } catch (ScheduleCommandException e) {
        err.println(e.getMessage());
        return e.exitCode();
      } catch (CliFailure e) {
        throw e;
      } catch (RuntimeException e) {
        throw new CliFailure(
            OneLineErrors.classify(e).exitCode(),
            "could not "
                + spec.name()
                + " schedules on "
                + "Temporal at "
                + connection.address()
                + " (namespace "
                + connection.namespace()
                + "): "
                + FailureMessage.of(e),
            e);
      } finally {
        out.flush();
        err.flush();
      }
    }

    abstract int run(ScheduleManager schedules, PrintWriter out, Connection conn);

    /** Where what a person reads goes: stdout, or stderr under {@code --json}. */
    PrintWriter human(PrintWriter out) {
      return json.humanOut(out, spec.commandLine().getErr());
    }

    /**
     * Prints what create or update did: a table row, or under {@code --json} its object (and, when
     * refused or failed, why on stderr); returns the exit code.
     */
    int single(ScheduleManager schedules, Outcome o, PrintWriter out) {
      if (json.on()) {
        JsonOption.print(out, applied(schedules, o));
        if (o.done() == Done.REFUSED || o.done() == Done.FAILED) {
          spec.commandLine().getErr().printf("%s %s: %s%n", o.id(), o.done().word(), o.detail());
        }
      } else {
        print(List.of(o), out);
      }
      return o.done() == Done.REFUSED
          ? ScheduleCommandException.REFUSED
          : o.done() == Done.FAILED ? 1 : 0;
    }
  }

  /** A verb on one schedule, named by its catalog key or its id. */
  abstract static class NamedVerb extends Verb {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;
  }

  @Command(name = "apply")
  static final class Apply extends Verb {
    @Override
    int run(ScheduleManager schedules, PrintWriter out, Connection conn) {
      List<Outcome> outcomes = schedules.apply();
      if (json.on()) outcomes.forEach(o -> JsonOption.print(out, applied(schedules, o)));
      else print(outcomes, out);
      Map<Done, Long> counts = new EnumMap<>(Done.class);
      outcomes.forEach(o -> counts.merge(o.done(), 1L, Long::sum));
      PrintWriter human = human(out);
      human.printf(
          "Schedules of %s on task queue %s: %d created, %d updated, %d unchanged, %d"
              + " deleted%s%s%n",
          conn.catalog(),
          conn.taskQueue(),
          counts.getOrDefault(Done.CREATED, 0L),
          counts.getOrDefault(Done.UPDATED, 0L),
          counts.getOrDefault(Done.UNCHANGED, 0L),
          counts.getOrDefault(Done.DELETED, 0L),
          counts.containsKey(Done.REFUSED) ? "; " + counts.get(Done.REFUSED) + " refused" : "",
          counts.containsKey(Done.FAILED) ? "; " + counts.get(Done.FAILED) + " failed" : "");
      human.flush();
      return counts.containsKey(Done.REFUSED) || counts.containsKey(Done.FAILED) ? 1 : 0;
    }
  }

  @Command(name = "create")
  static final class Create extends NamedVerb {
    @Override
    int run(ScheduleManager schedules, PrintWriter out, Connection conn) {
      return single(schedules, schedules.create(name), out);
    }
  }

  @Command(name = "update")
  static final class Update extends NamedVerb {
    @Override
    int run(ScheduleManager schedules, PrintWriter out, Connection conn) {
      return single(schedules, schedules.update(name), out);
    }
  }

  @Command(name = "list")
  static final class ListSchedules extends Verb {
    private static final ObjectMapper JSON =
        new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    @Override
    int run(ScheduleManager schedules, PrintWriter out, Connection conn) {
      List<Listed> all = schedules.list();
      if (json.on()) {
        for (Listed l : all) {
          JsonOption.print(
              out, ScheduleRow.of(l, l.key() == null ? null : schedules.desired(l.key())));
        }
        return 0;
      }
      if (all.isEmpty()) {
        out.printf(
            "No schedules: the catalog %s declares none and the server has no dr- schedule.%n",
            conn.catalog());
        return 0;
      }
      for (Listed l : all) {
        if (l.description().isEmpty()) {
          out.printf(
              "%s  NOT CREATED%n  catalog   %s: %s%n  would     %s%n%n",
              l.id(), l.key(), l.relation(), ScheduleManager.summary(schedules.desired(l.key())));
          continue;
        }
        ScheduleDescription d = l.description().get();
        var state = d.getSchedule().getState();
        boolean paused = state.isPaused();
        out.printf(
            "%s  %s%n",
            l.id(),
            !paused
                ? "active"
                : state.getNote() == null || state.getNote().isBlank()
                    ? "PAUSED"
                    : "PAUSED (" + state.getNote() + ")");
        if (d.getSchedule().getAction() instanceof ScheduleActionStartWorkflow a) {
          out.printf(
              "  starts    %s %s on task queue %s as workflow %s-<time>%n",
              a.getWorkflowType(),
              input(a),
              a.getOptions().getTaskQueue(),
              a.getOptions().getWorkflowId());
        }
        var policy = d.getSchedule().getPolicy();
        out.printf(
            "  when      %s; catch-up %s; overlap %s%n",
            ScheduleWords.of(d.getSchedule().getSpec()),
            policy == null ? "-" : ScheduleWords.duration(policy.getCatchupWindow()),
            policy == null
                ? "-"
                : policy.getOverlap().name().replace("SCHEDULE_OVERLAP_POLICY_", "").toLowerCase());
        List<Instant> next = d.getInfo().getNextActionTimes();
        out.printf(
            "  next      %s%s%n",
            paused ? "(paused; when unpaused) " : "",
            next.isEmpty()
                ? "(none)"
                : next.stream()
                    .limit(3)
                    .map(ListSchedules::time)
                    .collect(Collectors.joining(", ")));
        List<ScheduleActionResult> recent = d.getInfo().getRecentActions();
        out.printf(
            "  recent    %s%n",
            recent.isEmpty()
                ? "(none yet)"
                : recent.subList(Math.max(0, recent.size() - 3), recent.size()).stream()
                    .map(ListSchedules::recent)
                    .collect(Collectors.joining(", ")));
        if (!d.getInfo().getRunningActions().isEmpty()) {
          out.printf(
              "  running   %s%n",
              d.getInfo().getRunningActions().stream()
                  .map(
                      r ->
                          r instanceof ScheduleActionExecutionStartWorkflow w
                              ? w.getWorkflowId()
                              : r.toString())
                  .collect(Collectors.joining(", ")));
        }
        out.printf(
            "  runs      %d started, %d skipped (still running), %d missed the catch-up window%n",
            d.getInfo().getNumActions(),
            d.getInfo().getNumActionsSkippedOverlap(),
            d.getInfo().getNumActionsMissedCatchupWindow());
        out.printf(
            "  catalog   %s%n%n", l.key() == null ? l.relation() : l.key() + ": " + l.relation());
      }
      return 0;
    }

    private static String input(ScheduleActionStartWorkflow a) {
      if (a.getArguments() == null || a.getArguments().getSize() == 0) return "(no input)";
      try {
        JsonNode node = a.getArguments().get(0, JsonNode.class);
        if (node == null || node.isNull()) return "(no input)";
        return JSON.writeValueAsString(JSON.treeToValue(node, Object.class));
      } catch (Exception e) {
        return "(input not readable: " + Failures.rootMessage(e) + ")";
      }
    }

    private static String time(Instant t) {
      return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String recent(ScheduleActionResult r) {
      String id =
          r.getAction() instanceof ScheduleActionExecutionStartWorkflow w ? w.getWorkflowId() : "?";
      return id + " (started " + time(r.getStartedAt()) + ")";
    }
  }

  @Command(name = "pause")
  static final class Pause extends NamedVerb {
    @Option(names = "--why")
    String why;

    @Override
    int run(ScheduleManager schedules, PrintWriter out, Connection conn) {
      Target target = schedules.resolve(name);
      String note = note(why, "pause");
      ScheduleDescription d = schedules.pause(target, note);
      String unpause = target.key() != null ? target.key() : target.id();
      if (json.on()) {
        JsonOption.print(out, pauseChange(target, "PAUSED", d));
        human(out).printf("No scheduled run starts until: dr schedules unpause %s%n", unpause);
        return 0;
      }
      out.printf(
          "Paused %s: %s%nNo scheduled run starts until: dr schedules unpause %s%n",
          target.id(), d.getSchedule().getState().getNote(), unpause);
      return 0;
    }
  }

  @Command(name = "unpause")
  static final class Unpause extends NamedVerb {
    @Option(names = "--why")
    String why;

    @Override
    int run(ScheduleManager schedules, PrintWriter out, Connection conn) {
      Target target = schedules.resolve(name);
      String note = note(why, "unpause");
      ScheduleDescription d = schedules.unpause(target, note);
      if (json.on()) {
        JsonOption.print(out, pauseChange(target, "UNPAUSED", d));
        return 0;
      }
      List<Instant> next = d.getInfo().getNextActionTimes();
      out.printf(
          "Unpaused %s; next run %s%n",
          target.id(),
          next.isEmpty() ? "(none scheduled)" : next.get(0).truncatedTo(ChronoUnit.SECONDS));
      return 0;
    }
  }

  @Command(name = "trigger")
  static final class Trigger extends NamedVerb {
    @Override
    int run(ScheduleManager schedules, PrintWriter out, Connection conn) {
      Target target = schedules.resolve(name);
      Triggered t = schedules.trigger(target, Duration.ofSeconds(15));
      if (json.on()) {
        ScheduleActionExecutionStartWorkflow run = t.run().orElse(null);
        JsonOption.print(
            out,
            new TriggeredRun(
                t.id(),
                target.key(),
                "TRIGGERED",
                run == null ? null : run.getWorkflowId(),
                run == null ? null : run.getFirstExecutionRunId(),
                run == null
                    ? null
                    : conn.runLink(run.getWorkflowId(), run.getFirstExecutionRunId()),
                t.paused()));
        PrintWriter human = human(out);
        if (run == null) human.println("No run visible yet (see: dr schedules list)");
        if (t.paused())
          human.println(
              "(the schedule stays paused: a trigger runs anyway, scheduled times do not)");
        human.flush();
        return 0;
      }
      if (t.run().isEmpty()) {
        out.printf("Triggered %s; no run visible yet (see: dr schedules list)%n", t.id());
        return 0;
      }
      ScheduleActionExecutionStartWorkflow run = t.run().get();
      out.printf(
          "Triggered %s: started workflow %s run %s%n  Temporal UI: %s%n",
          t.id(),
          run.getWorkflowId(),
          run.getFirstExecutionRunId(),
          conn.runLink(run.getWorkflowId(), run.getFirstExecutionRunId()));
      if (t.paused())
        out.println("(the schedule stays paused: a trigger runs anyway, scheduled times do not)");
      return 0;
    }
  }

  @Command(name = "delete")
  static final class Delete extends NamedVerb {
    @Override
    int run(ScheduleManager schedules, PrintWriter out, Connection conn) {
      Target target = schedules.resolve(name);
      schedules.delete(target);
      if (json.on())
        JsonOption.print(
            out, new Deleted(target.id(), target.key(), "DELETED", target.key() != null));
      else out.printf("Deleted %s%n", target.id());
      if (target.key() != null) {
        human(out)
            .printf(
                "It is still in the catalog: the next dr schedules apply creates it again; remove"
                    + " schedules.%s from %s to keep it gone.%n",
                target.key(), conn.catalog());
      }
      return 0;
    }
  }

  /** The schedule's note: {@code why}, or who ran which verb when no reason was given. */
  private static String note(String why, String verb) {
    if (why != null && !why.isBlank()) return why;
    return verb
        + "d by "
        + System.getProperty("user.name", "someone")
        + " with dr schedules "
        + verb;
  }

  private static Applied applied(ScheduleManager schedules, Outcome o) {
    return new Applied(o.id(), schedules.keyOf(o.id()), o.done(), o.detail());
  }

  private static PauseChange pauseChange(Target target, String done, ScheduleDescription d) {
    var state = d.getSchedule().getState();
    return new PauseChange(
        target.id(),
        target.key(),
        done,
        state.isPaused(),
        state.getNote(),
        d.getInfo().getNextActionTimes());
  }

  private static void print(List<Outcome> outcomes, PrintWriter out) {
    Table table = new Table("SCHEDULE", "DONE", "WHAT");
    outcomes.forEach(o -> table.row(o.id(), o.done().word(), o.detail()));
    out.print(table.render());
  }
}
