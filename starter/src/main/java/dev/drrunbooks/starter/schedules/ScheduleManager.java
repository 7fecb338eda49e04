package dev.drrunbooks.starter.schedules;

import static dev.drrunbooks.starter.schedules.ScheduleTranslation.ACTION_MEMO_FINGERPRINT;
import static dev.drrunbooks.starter.schedules.ScheduleTranslation.ID_PREFIX;
import static dev.drrunbooks.starter.schedules.ScheduleTranslation.MANAGED_BY;
import static dev.drrunbooks.starter.schedules.ScheduleTranslation.MEMO_MANAGED_BY;
import static dev.drrunbooks.starter.schedules.ScheduleTranslation.MEMO_ORGANISATION;

import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.model.Failures;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionExecutionStartWorkflow;
import io.temporal.client.schedules.ScheduleActionResult;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleListDescription;
import io.temporal.client.schedules.ScheduleUpdate;
import io.temporal.common.converter.EncodedValues;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Makes the Temporal server's schedules match the catalog's, and the operator's verbs on one
 * schedule. Touches only schedules whose id starts with {@code dr-}; changes or deletes only those
 * whose memo marks them as made by dr-runbooks for this catalog's organisation.
 */
public final class ScheduleManager {
  private final ScheduleClient client;
  private final Catalog catalog;
  private final String taskQueue;

  public ScheduleManager(ScheduleClient client, Catalog catalog, String taskQueue) {
    this.client = client;
    this.catalog = catalog;
    this.taskQueue = taskQueue;
  }

  /** What apply, create or update did to one schedule. */
  public record Outcome(String id, Done done, String detail) {}

  public enum Done {
    CREATED,
    UPDATED,
    UNCHANGED,
    DELETED,
    LEFT_ALONE,
    REFUSED,
    FAILED;

    public String word() {
      return name().toLowerCase().replace('_', ' ');
    }
  }

  /** A schedule to act on: its id, and its catalog key when the catalog declares it. */
  public record Target(String id, String key) {}

  /**
   * One schedule as list shows it: on the server (or not) and how it stands against the catalog.
   *
   * @param key the catalog key, or null when the catalog does not declare it
   * @param relation how it stands, in words ({@code standing} and why)
   */
  public record Listed(
      String id,
      String key,
      Optional<ScheduleDescription> description,
      Standing standing,
      String relation) {}

  /** How a listed schedule stands against the catalog: what the next apply does to it. */
  public enum Standing {
    /** Declared in the catalog, not on the server: apply creates it. */
    NOT_CREATED,
    /** Ours and as the catalog declares: apply leaves it unchanged. */
    AS_DECLARED,
    /** Ours, but the catalog (or the task queue) says otherwise: apply updates it. */
    DIFFERS,
    /** Ours, no longer declared: apply deletes it. */
    NO_LONGER_IN_CATALOG,
    /** A dr- schedule dr-runbooks did not create (for this organisation): apply leaves it alone. */
    NOT_OURS
  }

  /** A trigger's result: the run it started, if it showed up in time. */
  public record Triggered(
      String id, Optional<ScheduleActionExecutionStartWorkflow> run, boolean paused) {}

  /** The catalog key of schedule {@code id}, or null when the catalog does not declare it. */
  public String keyOf(String id) {
    if (!id.startsWith(ID_PREFIX)) return null;
    String key = id.substring(ID_PREFIX.length());
    return catalog.schedules().containsKey(key) ? key : null;
  }

  public DesiredSchedule desired(String key) {
    return ScheduleTranslation.desired(catalog, key, taskQueue);
  }

  /**
   * Creates what is missing, updates what differs, deletes what the catalog no longer declares;
   * idempotent.
   */
  public List<Outcome> apply() {
    List<Outcome> outcomes = new ArrayList<>();
    Set<String> declared = new TreeSet<>();
    for (String key : catalog.scheduleKeys()) {
      declared.add(ScheduleTranslation.scheduleId(key));
      try {
        outcomes.add(converge(key, true, true));
      } catch (RuntimeException e) {
        if (unreachable(e)) throw e;
        outcomes.add(
            new Outcome(ScheduleTranslation.scheduleId(key), Done.FAILED, Failures.rootMessage(e)));
      }
    }
    for (String id : listedIds()) {
      if (declared.contains(id)) continue;
      Optional<ScheduleDescription> found = describe(id);
      if (found.isEmpty()) continue;
      if (ours(found.get())) {
        try {
          client.getHandle(id).delete();
          outcomes.add(new Outcome(id, Done.DELETED, "no longer in the catalog"));
        } catch (RuntimeException e) {
          if (unreachable(e)) throw e;
          outcomes.add(
              new Outcome(id, Done.FAILED, "could not delete: " + Failures.rootMessage(e)));
        }
      } else {
        outcomes.add(new Outcome(id, Done.LEFT_ALONE, notOursWhy(found.get())));
      }
    }
    return outcomes;
  }

  /** Creates the catalog's schedule {@code key}; refuses when it exists. */
  public Outcome create(String key) {
    return converge(requireDeclared(key), true, false);
  }

  /**
   * Updates the schedule {@code key} to the catalog; refuses when it does not exist or is not ours.
   */
  public Outcome update(String key) {
    return converge(requireDeclared(key), false, true);
  }

  private Outcome converge(String key, boolean mayCreate, boolean mayUpdate) {
    DesiredSchedule want = desired(key);
    String what = summary(want);
    Optional<ScheduleDescription> have = describe(want.id());
    if (have.isEmpty()) {
      if (!mayCreate) {
        return new Outcome(
            want.id(),
            Done.REFUSED,
            "does not exist on the server; create it with: dr schedules create "
                + key
                + " (or dr schedules apply)");
      }
      try {
        client.createSchedule(want.id(), want.schedule(), want.options());
      } catch (ScheduleAlreadyRunningException e) {
        return new Outcome(
            want.id(), Done.REFUSED, "was created by someone else meanwhile; run apply again");
      }
      return new Outcome(want.id(), Done.CREATED, what);
    }
    if (!ours(have.get())) {
      return new Outcome(
          want.id(),
          Done.REFUSED,
          notOursWhy(have.get()) + "; delete it or rename the catalog entry '" + key + "'");
    }
    if (!mayUpdate) {
      return new Outcome(
          want.id(),
          Done.REFUSED,
          "already exists; change it with: dr schedules update "
              + key
              + " (or dr schedules apply)");
    }
    if (want.fingerprint().equals(fingerprintOf(have.get()))) {
      return new Outcome(want.id(), Done.UNCHANGED, what);
    }
    client
        .getHandle(want.id())
        .update(
            input -> {
              // the catalog's schedule, keeping what an operator set: paused or not, and the note
              // saying why
              Schedule next =
                  Schedule.newBuilder(want.schedule())
                      .setState(input.getDescription().getSchedule().getState())
                      .build();
              return new ScheduleUpdate(next, want.options().getTypedSearchAttributes());
            });
    return new Outcome(want.id(), Done.UPDATED, what);
  }

  /**
   * The schedule an operator named: a catalog key (monthly-dr-drill), its id (dr-monthly-dr-drill),
   * or the id or key of one of ours on the server that the catalog no longer declares.
   */
  public Target resolve(String name) {
    if (catalog.schedules().containsKey(name))
      return new Target(ScheduleTranslation.scheduleId(name), name);
    if (name.startsWith(ID_PREFIX)
        && catalog.schedules().containsKey(name.substring(ID_PREFIX.length()))) {
      return new Target(name, name.substring(ID_PREFIX.length()));
    }
    String id = name.startsWith(ID_PREFIX) ? name : ID_PREFIX + name;
    Optional<ScheduleDescription> found = describe(id);
    if (found.isPresent() && ours(found.get())) return new Target(id, null);
    if (found.isPresent()) {
      throw new ScheduleCommandException(
          ScheduleCommandException.REFUSED,
          "schedule " + id + " is " + notOursWhy(found.get()) + "; dr schedules leaves it alone");
    }
    throw unknown(name);
  }

  public ScheduleDescription pause(Target target, String note) {
    ScheduleHandle handle = existing(target);
    handle.pause(note);
    return handle.describe();
  }

  public ScheduleDescription unpause(Target target, String note) {
    ScheduleHandle handle = existing(target);
    handle.unpause(note);
    return handle.describe();
  }

  /**
   * Starts the schedule's action now (also when paused); refuses while its previous run still runs
   * (overlap skip).
   */
  public Triggered trigger(Target target, Duration waitForRun) {
    ScheduleHandle handle = existing(target);
    ScheduleDescription before = handle.describe();
    List<ScheduleActionExecutionStartWorkflow> running =
        before.getInfo().getRunningActions().stream()
            .filter(a -> a instanceof ScheduleActionExecutionStartWorkflow)
            .map(a -> (ScheduleActionExecutionStartWorkflow) a)
            .toList();
    if (!running.isEmpty()) {
      throw new ScheduleCommandException(
          ScheduleCommandException.REFUSED,
          target.id()
              + ": run "
              + running.get(0).getWorkflowId()
              + " (run id "
              + running.get(0).getFirstExecutionRunId()
              + ") is still running; the schedule's overlap policy is skip, so a trigger now would"
              + " start nothing");
    }
    Set<String> seen =
        before.getInfo().getRecentActions().stream()
            .map(ScheduleManager::workflowIdOf)
            .collect(Collectors.toSet());
    handle.trigger();
    Instant deadline = Instant.now().plus(waitForRun);
    while (true) {
      ScheduleDescription now = handle.describe();
      Optional<ScheduleActionExecutionStartWorkflow> started =
          now.getInfo().getRecentActions().stream()
              .filter(a -> a.getAction() instanceof ScheduleActionExecutionStartWorkflow)
              .map(a -> (ScheduleActionExecutionStartWorkflow) a.getAction())
              .filter(a -> !seen.contains(a.getWorkflowId()))
              .findFirst();
      if (started.isPresent() || Instant.now().isAfter(deadline)) {
        return new Triggered(target.id(), started, now.getSchedule().getState().isPaused());
      }
      sleep(Duration.ofMillis(250));
    }
  }

  /** Deletes one of ours; refuses a schedule dr-runbooks did not create. */
  public void delete(Target target) {
    ScheduleHandle handle = existing(target);
    handle.delete();
  }

  /** The catalog's schedules and every dr- schedule on the server, by id. */
  public List<Listed> list() {
    Set<String> ids = new TreeSet<>(listedIds());
    catalog.scheduleKeys().forEach(k -> ids.add(ScheduleTranslation.scheduleId(k)));
    List<Listed> out = new ArrayList<>();
    for (String id : ids) {
      String key = id.substring(ID_PREFIX.length());
      boolean declared = catalog.schedules().containsKey(key);
      Optional<ScheduleDescription> d = describe(id);
      Standing standing;
      String relation;
      if (d.isEmpty()) {
        standing = Standing.NOT_CREATED;
        relation = "declared in the catalog, not on the server: apply creates it";
      } else if (!ours(d.get())) {
        standing = Standing.NOT_OURS;
        relation = notOursWhy(d.get()) + ": apply leaves it alone";
      } else if (!declared) {
        standing = Standing.NO_LONGER_IN_CATALOG;
        relation = "no longer in the catalog: apply deletes it";
      } else if (desired(key).fingerprint().equals(fingerprintOf(d.get()))) {
        standing = Standing.AS_DECLARED;
        relation = "as the catalog declares";
      } else {
        standing = Standing.DIFFERS;
        relation = "differs from the catalog (or another task queue): apply updates it";
      }
      if (d.isEmpty() && !declared) continue; // listed, deleted since
      out.add(new Listed(id, declared ? key : null, d, standing, relation));
    }
    return out;
  }

  /** "DrDrill inventory; 10:00 UTC on the first Monday of every month; catch-up 7d". */
  public static String summary(DesiredSchedule want) {
    return want.workflowType()
        + " "
        + want.service()
        + "; "
        + ScheduleWords.of(want.schedule().getSpec())
        + "; catch-up "
        + ScheduleWords.duration(want.schedule().getPolicy().getCatchupWindow());
  }

  public Optional<ScheduleDescription> describe(String id) {
    try {
      return Optional.of(client.getHandle(id).describe());
    } catch (RuntimeException e) {
      if (notFound(e)) return Optional.empty();
      throw e;
    }
  }

  public boolean ours(ScheduleDescription d) {
    return MANAGED_BY.equals(d.getMemo(MEMO_MANAGED_BY, String.class))
        && catalog.organisation().equals(d.getMemo(MEMO_ORGANISATION, String.class));
  }

  private String notOursWhy(ScheduleDescription d) {
    if (!MANAGED_BY.equals(d.getMemo(MEMO_MANAGED_BY, String.class))) {
      return "not created by dr-runbooks (its memo has no managedBy: dr-runbooks)";
    }
    return "created by dr-runbooks for the catalog of "
        + d.getMemo(MEMO_ORGANISATION, String.class)
        + ", not "
        + catalog.organisation();
  }

  /**
   * The fingerprint the schedule was last made from, from its action's memo; null when it has none.
   */
  public static String fingerprintOf(ScheduleDescription d) {
    if (!(d.getSchedule().getAction() instanceof ScheduleActionStartWorkflow action)) return null;
    if (action.getOptions().getMemo() == null) return null;
    Object value = action.getOptions().getMemo().get(ACTION_MEMO_FINGERPRINT);
    if (value instanceof EncodedValues encoded) return encoded.get(0, String.class);
    return value == null ? null : value.toString();
  }

  private ScheduleHandle existing(Target target) {
    Optional<ScheduleDescription> d = describe(target.id());
    if (d.isEmpty()) {
      String hint =
          target.key() != null ? "; create it with: dr schedules create " + target.key() : "";
      throw new ScheduleCommandException(
          ScheduleCommandException.UNKNOWN,
          "schedule " + target.id() + " does not exist on the server" + hint);
    }
    if (!ours(d.get())) {
      throw new ScheduleCommandException(
          ScheduleCommandException.REFUSED,
          "schedule "
              + target.id()
              + " is "
              + notOursWhy(d.get())
              + "; dr schedules leaves it alone");
    }
    return client.getHandle(target.id());
  }

  private String requireDeclared(String name) {
    if (catalog.schedules().containsKey(name)) return name;
    if (name.startsWith(ID_PREFIX)
        && catalog.schedules().containsKey(name.substring(ID_PREFIX.length()))) {
      return name.substring(ID_PREFIX.length());
    }
    throw new ScheduleCommandException(
        ScheduleCommandException.UNKNOWN,
        "schedule '"
            + name
            + "' is not in the catalog; catalog schedules: "
            + known(catalog.scheduleKeys()));
  }

  private ScheduleCommandException unknown(String name) {
    List<String> ours =
        client
            .listSchedules()
            .filter(l -> l.getScheduleId().startsWith(ID_PREFIX))
            .filter(
                l ->
                    !catalog
                        .schedules()
                        .containsKey(l.getScheduleId().substring(ID_PREFIX.length())))
            .filter(
                l ->
                    MANAGED_BY.equals(l.getMemo(MEMO_MANAGED_BY, String.class))
                        && catalog
                            .organisation()
                            .equals(l.getMemo(MEMO_ORGANISATION, String.class)))
            .map(ScheduleListDescription::getScheduleId)
            .sorted()
            .distinct()
            .toList();
    return new ScheduleCommandException(
        ScheduleCommandException.UNKNOWN,
        "no schedule '"
            + name
            + "'; catalog schedules: "
            + known(catalog.scheduleKeys())
            + (ours.isEmpty()
                ? ""
                : "; on the server, no longer in the catalog: " + String.join(", ", ours)));
  }

  private static String known(List<String> names) {
    return names.isEmpty() ? "(none)" : String.join(", ", names);
  }

  /**
   * Ids of the dr- schedules the server lists (its visibility store may lag a moment behind a
   * create).
   */
  private List<String> listedIds() {
    return client
        .listSchedules()
        .map(ScheduleListDescription::getScheduleId)
        .filter(id -> id.startsWith(ID_PREFIX))
        .sorted()
        .distinct()
        .toList();
  }

  private static String workflowIdOf(ScheduleActionResult r) {
    return r.getAction() instanceof ScheduleActionExecutionStartWorkflow w ? w.getWorkflowId() : "";
  }

  static boolean notFound(Throwable e) {
    return status(e) == Status.Code.NOT_FOUND;
  }

  /** No server to talk to: no point trying the next schedule. */
  static boolean unreachable(Throwable e) {
    Status.Code code = status(e);
    return code == Status.Code.UNAVAILABLE
        || code == Status.Code.DEADLINE_EXCEEDED
        || code == Status.Code.UNAUTHENTICATED
        || code == Status.Code.PERMISSION_DENIED;
  }

  private static Status.Code status(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StatusRuntimeException s) return s.getStatus().getCode();
    }
    return null;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
