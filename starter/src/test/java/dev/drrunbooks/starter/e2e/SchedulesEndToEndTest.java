package dev.drrunbooks.starter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.model.SearchAttributes;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionExecutionStartWorkflow;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleCalendarSpec;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleListDescription;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.ScheduleRange;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.common.converter.EncodedValues;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The catalog's Temporal Schedules on the sandbox's Temporal server, through {@code dr schedules}:
 * apply twice creates each schedule once; trigger starts a drill run; pause stops scheduled runs; a
 * catalog change updates; a schedule the catalog drops is deleted; a schedule dr-runbooks did not
 * create is left alone. Every schedule and run it makes is removed at the end.
 *
 * <p>Runs alongside other test classes (it mostly waits for the server to act on schedules); its
 * own tests run one after another, under the schedules' lock.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(SandboxLocks.SCHEDULES)
@ResourceLock(value = SandboxLocks.INVENTORY_SNAPSHOTS, mode = ResourceAccessMode.READ)
class SchedulesEndToEndTest {
  private static final String DRILL = "dr-monthly-dr-drill";
  private static final String WEEKLY = "dr-weekly-backup-validation";
  private static final String READINESS = "dr-readiness-every-30-minutes";
  private static final String WEEKLY_CALENDAR = "calendar: { hour: 3, minute: 30, dayOfWeek: SUN }";

  private static SandboxWorker worker;
  private static WorkflowServiceStubs stubs;
  private static ScheduleClient schedules;
  private static WorkflowClient workflows;
  private static final List<String> schedulesMade =
      new ArrayList<>(List.of(DRILL, WEEKLY, READINESS));
  private static final List<String> runsStarted = new ArrayList<>();

  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    worker = new SandboxWorker();
    String namespace = worker.env.get("TEMPORAL_NAMESPACE", "default");
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(worker.env.require("TEMPORAL_ADDRESS"))
                .build());
    schedules =
        ScheduleClient.newInstance(
            stubs, ScheduleClientOptions.newBuilder().setNamespace(namespace).build());
    workflows =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
  }

  @AfterAll
  static void cleanUp() {
    try {
      for (String id : schedulesMade) {
        if (describe(id).isPresent()) schedules.getHandle(id).delete();
      }
      for (String workflowId : runsStarted) stopRun(workflowId);
    } finally {
      stubs.shutdown();
      worker.close();
    }
  }

  @Test
  void applyTwiceTriggerPauseUpdateAndDelete() throws IOException {
    // a clean slate: neither schedule exists, so the first apply must create both
    for (String id : List.of(DRILL, WEEKLY, READINESS)) {
      if (describe(id).isPresent()) schedules.getHandle(id).delete();
    }
    Path catalog = CatalogFixture.path();

    // apply twice: each schedule created once, the second apply changes nothing
    CliRun first = dr(catalog, "schedules", "apply");
    assertEquals(0, first.exitCode(), first.toString());
    assertLine(
        first,
        DRILL,
        "created",
        "DrDrill inventory; 10:00 UTC on the first Monday of every month; catch-up 7d");
    assertLine(
        first, WEEKLY, "created", "FleetValidation all; 03:30 UTC every Sunday; catch-up 1d");
    assertLine(
        first,
        READINESS,
        "created",
        "ReadinessEvaluation all; at hour *, minute 0, 30, every day (UTC); catch-up 30m");
    assertTrue(
        first.out().contains("3 created, 0 updated, 0 unchanged, 0 deleted"), first.toString());
    Instant drillCreated = describe(DRILL).orElseThrow().getInfo().getCreatedAt();
    Instant weeklyCreated = describe(WEEKLY).orElseThrow().getInfo().getCreatedAt();

    CliRun second = dr(catalog, "schedules", "apply");
    assertEquals(0, second.exitCode(), second.toString());
    assertLine(second, DRILL, "unchanged", "DrDrill");
    assertLine(second, WEEKLY, "unchanged", "FleetValidation");
    assertTrue(
        second.out().contains("0 created, 0 updated, 3 unchanged, 0 deleted"), second.toString());
    ScheduleDescription drill = describe(DRILL).orElseThrow();
    assertEquals(
        drillCreated,
        drill.getInfo().getCreatedAt(),
        "the second apply must not re-create the drill");
    assertEquals(weeklyCreated, describe(WEEKLY).orElseThrow().getInfo().getCreatedAt());
    awaitListed(DRILL);
    assertEquals(1, schedules.listSchedules().filter(s -> s.getScheduleId().equals(DRILL)).count());
    assertDrillAsDeclared(drill);

    // trigger now: a DrDrill run starts on the worker's task queue, started by the schedule
    CliRun trigger = dr(catalog, "schedules", "trigger", "monthly-dr-drill");
    assertEquals(0, trigger.exitCode(), trigger.toString());
    Matcher m =
        Pattern.compile(
                "Triggered " + DRILL + ": started workflow (dr-drill-inventory-\\S+) run (\\S+)")
            .matcher(trigger.out());
    assertTrue(m.find(), trigger.toString());
    runsStarted.add(m.group(1));
    WorkflowExecutionDescription run =
        workflows
            .newUntypedWorkflowStub(m.group(1), Optional.of(m.group(2)), Optional.empty())
            .describe();
    assertEquals("DrDrill", run.getWorkflowType());
    assertEquals(worker.taskQueue, run.getTaskQueue());
    assertEquals("dr-drill", run.getTypedSearchAttributes().get(SearchAttributes.PROCEDURE));
    assertEquals("inventory", run.getTypedSearchAttributes().get(SearchAttributes.SERVICE));
    assertEquals(DRILL, run.getSearchAttributes().get("TemporalScheduledById").get(0));
    assertTrue(
        describe(DRILL).orElseThrow().getInfo().getRecentActions().stream()
            .anyMatch(
                a ->
                    ((ScheduleActionExecutionStartWorkflow) a.getAction())
                        .getWorkflowId()
                        .equals(m.group(1))));
    stopRun(m.group(1));

    // pause, then make the weekly schedule fire every 5 seconds (a fleet of Inventory alone, the
    // snapshots this class reads): an update keeps it paused and nothing runs
    CliRun pause =
        dr(catalog, "schedules", "pause", "weekly-backup-validation", "--why", "e2e: pause test");
    assertEquals(0, pause.exitCode(), pause.toString());
    assertTrue(pause.out().contains("Paused " + WEEKLY + ": e2e: pause test"), pause.toString());
    Path everyFiveSeconds =
        write(
            "every-5s.yaml",
            CatalogFixture.text()
                .replace(
                    WEEKLY_CALENDAR, "calendar: { hour: \"*\", minute: \"*\", second: \"*/5\" }")
                .replace(
                    "fleet-validation\n    services: [all]\n",
                    "fleet-validation\n    services: [inventory]\n"));
    CliRun update = dr(everyFiveSeconds, "schedules", "apply");
    assertEquals(0, update.exitCode(), update.toString());
    assertLine(
        update,
        WEEKLY,
        "updated",
        "FleetValidation inventory; every 5 seconds, every day (UTC); catch-up 1d");
    assertLine(update, DRILL, "unchanged", "DrDrill");
    ScheduleDescription paused = describe(WEEKLY).orElseThrow();
    assertTrue(paused.getSchedule().getState().isPaused(), "an update keeps the schedule paused");
    assertEquals("e2e: pause test", paused.getSchedule().getState().getNote());
    assertEquals(
        List.of(new ScheduleRange(0, 59, 5)),
        paused.getSchedule().getSpec().getCalendars().get(0).getSeconds());
    long actionsBefore = paused.getInfo().getNumActions();
    Instant pausedAt = Instant.now();
    sleep(Duration.ofSeconds(12)); // two scheduled times or more pass
    ScheduleDescription stillPaused = describe(WEEKLY).orElseThrow();
    assertTrue(stillPaused.getSchedule().getState().isPaused());
    assertEquals(
        actionsBefore,
        stillPaused.getInfo().getNumActions(),
        "a paused schedule starts nothing: " + stillPaused);
    assertTrue(
        stillPaused.getInfo().getRecentActions().stream()
            .noneMatch(a -> a.getScheduledAt().isAfter(pausedAt)),
        stillPaused.toString());
    CliRun listed = dr(everyFiveSeconds, "schedules", "list");
    assertEquals(0, listed.exitCode(), listed.toString());
    assertTrue(listed.out().contains(WEEKLY + "  PAUSED (e2e: pause test)"), listed.toString());
    assertTrue(listed.out().contains(DRILL + "  active"), listed.toString());
    assertTrue(
        listed
            .out()
            .contains(
                "when      10:00 UTC on the first Monday of every month; catch-up 7d; overlap"
                    + " skip"),
        listed.toString());
    assertTrue(
        listed.out().contains(m.group(1)), "recent runs name the triggered drill\n" + listed);

    // the control: unpaused, the same spec starts a run within seconds; paused again, it stops
    CliRun unpause = dr(everyFiveSeconds, "schedules", "unpause", WEEKLY);
    assertEquals(0, unpause.exitCode(), unpause.toString());
    await(
        Duration.ofSeconds(20),
        () -> describe(WEEKLY).orElseThrow().getInfo().getNumActions() > actionsBefore);
    assertEquals(0, dr(everyFiveSeconds, "schedules", "pause", WEEKLY).exitCode());
    describe(WEEKLY)
        .orElseThrow()
        .getInfo()
        .getRecentActions()
        .forEach(
            a ->
                runsStarted.add(
                    ((ScheduleActionExecutionStartWorkflow) a.getAction()).getWorkflowId()));
    for (String id : runsStarted) {
      // cancelling the fleet cancels its child and waits for the child's clean-up
      if (id.startsWith("fleet-validation-inventory-")) stopRun(id);
    }

    // the catalog no longer declares the weekly schedule: apply deletes it
    awaitListed(WEEKLY);
    String original = CatalogFixture.text();
    Path withoutWeekly =
        write(
            "without-weekly.yaml",
            original.substring(0, original.indexOf("  weekly-backup-validation:")));
    CliRun prune = dr(withoutWeekly, "schedules", "apply");
    assertEquals(0, prune.exitCode(), prune.toString());
    assertLine(prune, WEEKLY, "deleted", "no longer in the catalog");
    assertLine(prune, DRILL, "unchanged", "DrDrill");
    assertTrue(describe(WEEKLY).isEmpty(), "the weekly schedule is gone");

    // one schedule by name: create refuses an existing one, update follows a catalog change
    CliRun again = dr(catalog, "schedules", "create", "monthly-dr-drill");
    assertEquals(3, again.exitCode(), "refused: " + again);
    assertLine(
        again,
        DRILL,
        "refused",
        "already exists; change it with: dr schedules update monthly-dr-drill");
    Path elevenOClock =
        write(
            "eleven.yaml",
            original.replace(
                "calendar: { hour: 10, minute: 0, dayOfMonth: 1-7, dayOfWeek: MON }",
                "calendar: { hour: 11, minute: 0, dayOfMonth: 1-7, dayOfWeek: MON }"));
    CliRun update11 = dr(elevenOClock, "schedules", "update", DRILL);
    assertEquals(0, update11.exitCode(), update11.toString());
    assertLine(
        update11,
        DRILL,
        "updated",
        "DrDrill inventory; 11:00 UTC on the first Monday of every month");
    assertEquals(
        List.of(new ScheduleRange(11, 11, 1)),
        describe(DRILL).orElseThrow().getSchedule().getSpec().getCalendars().get(0).getHour());
    assertLine(
        dr(elevenOClock, "schedules", "update", "monthly-dr-drill"), DRILL, "unchanged", "DrDrill");

    // delete one by name: the drill is deleted, with a word that the catalog still declares it
    CliRun delete = dr(catalog, "schedules", "delete", "monthly-dr-drill");
    assertEquals(0, delete.exitCode(), delete.toString());
    assertTrue(delete.out().contains("Deleted " + DRILL), delete.toString());
    assertTrue(
        delete.out().contains("the next dr schedules apply creates it again"), delete.toString());
    assertTrue(describe(DRILL).isEmpty());
  }

  @Test
  void unknownNamesAreRefusedListingTheKnownOnes() {
    for (String verb : List.of("pause", "unpause", "trigger", "delete", "create", "update")) {
      CliRun run = dr(CatalogFixture.path(), "schedules", verb, "quarterly-chaos-day");
      assertEquals(2, run.exitCode(), verb + ": " + run);
      assertTrue(run.err().contains("'quarterly-chaos-day'"), run.toString());
      assertTrue(
          run.err()
              .contains(
                  "catalog schedules: monthly-dr-drill, readiness-every-30-minutes,"
                      + " weekly-backup-validation"),
          run.toString());
    }
  }

  @Test
  void aDrScheduleThatDrRunbooksDidNotCreateIsLeftAlone() {
    String foreign = "dr-e2e-foreign-" + Long.toString(System.nanoTime(), 36);
    schedulesMade.add(foreign);
    schedules.createSchedule(
        foreign,
        Schedule.newBuilder()
            .setAction(
                ScheduleActionStartWorkflow.newBuilder()
                    .setWorkflowType("SomeoneElses")
                    .setOptions(
                        WorkflowOptions.newBuilder()
                            .setWorkflowId("someone-elses")
                            .setTaskQueue("nowhere")
                            .build())
                    .build())
            .setSpec(
                ScheduleSpec.newBuilder()
                    .setIntervals(List.of(new ScheduleIntervalSpec(Duration.ofHours(1))))
                    .build())
            .setState(
                ScheduleState.newBuilder().setPaused(true).setNote("not dr-runbooks'").build())
            .build(),
        ScheduleOptions.newBuilder().build());
    awaitListed(foreign);

    CliRun apply = dr(CatalogFixture.path(), "schedules", "apply");
    assertEquals(0, apply.exitCode(), apply.toString());
    assertLine(apply, foreign, "left alone", "not created by dr-runbooks");
    assertTrue(describe(foreign).isPresent(), "apply must not delete a schedule it did not create");

    for (String verb : List.of("delete", "pause", "trigger")) {
      CliRun refused = dr(CatalogFixture.path(), "schedules", verb, foreign);
      assertEquals(3, refused.exitCode(), verb + " refused: " + refused);
      assertTrue(
          refused.err().contains(foreign + " is not created by dr-runbooks"), refused.toString());
    }
    assertTrue(describe(foreign).isPresent());
  }

  /** What the catalog declares for the drill is what the server holds. */
  private static void assertDrillAsDeclared(ScheduleDescription drill) {
    ScheduleCalendarSpec calendar = drill.getSchedule().getSpec().getCalendars().get(0);
    assertEquals(List.of(new ScheduleRange(1, 7, 1)), calendar.getDayOfMonth());
    assertEquals(1, calendar.getDayOfWeek().get(0).getStart());
    assertEquals(
        ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP,
        drill.getSchedule().getPolicy().getOverlap());
    assertEquals(Duration.ofDays(7), drill.getSchedule().getPolicy().getCatchupWindow());
    assertFalse(drill.getSchedule().getPolicy().isPauseOnFailure());
    assertEquals("dr-runbooks", drill.getMemo("managedBy", String.class));
    ScheduleActionStartWorkflow action =
        (ScheduleActionStartWorkflow) drill.getSchedule().getAction();
    assertEquals("DrDrill", action.getWorkflowType());
    assertEquals("dr-drill-inventory", action.getOptions().getWorkflowId());
    assertEquals(worker.taskQueue, action.getOptions().getTaskQueue());
    assertNotEquals(
        null,
        ((EncodedValues) action.getOptions().getMemo().get("drScheduleFingerprint"))
            .get(0, String.class));
    // Temporal ANDs the calendar's fields: every next run is a Monday in the first seven days, at
    // 10:00 UTC
    List<Instant> next = drill.getInfo().getNextActionTimes();
    assertFalse(next.isEmpty());
    for (Instant t : next) {
      ZonedDateTime utc = t.atZone(ZoneOffset.UTC);
      assertEquals(DayOfWeek.MONDAY, utc.getDayOfWeek(), t.toString());
      assertTrue(utc.getDayOfMonth() <= 7, t.toString());
      assertEquals(10, utc.getHour(), t.toString());
      assertEquals(0, utc.getMinute(), t.toString());
    }
  }

  private static CliRun dr(Path catalog, String... args) {
    String[] connection = worker.connectionArgs();
    List<String> withCatalog = new ArrayList<>(Arrays.asList(connection));
    withCatalog.set(withCatalog.indexOf("--catalog") + 1, catalog.toString());
    return CliRun.of(withCatalog.toArray(String[]::new), args);
  }

  private static void assertLine(CliRun run, String id, String done, String what) {
    Pattern line =
        Pattern.compile(
            "(?m)^"
                + Pattern.quote(id)
                + "\\s+"
                + Pattern.quote(done)
                + "\\s+"
                + Pattern.quote(what));
    assertTrue(
        line.matcher(run.out()).find(),
        "expected '" + id + " " + done + " " + what + "' in\n" + run);
  }

  private static Optional<ScheduleDescription> describe(String id) {
    try {
      return Optional.of(schedules.getHandle(id).describe());
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof io.grpc.StatusRuntimeException s
            && s.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) {
          return Optional.empty();
        }
      }
      throw e;
    }
  }

  /**
   * apply finds schedules to delete by listing; the server's list catches up with a create within
   * moments.
   */
  private static void awaitListed(String id) {
    await(
        Duration.ofSeconds(20),
        () ->
            schedules
                .listSchedules()
                .map(ScheduleListDescription::getScheduleId)
                .anyMatch(id::equals));
  }

  /**
   * Cancels a run the test started (so a drill or validation cleans up), terminating it if it does
   * not end.
   */
  private static void stopRun(String workflowId) {
    WorkflowStub stub =
        workflows.newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty());
    try {
      if (!running(stub)) return;
      stub.cancel();
      Instant deadline = Instant.now().plusSeconds(45);
      while (running(stub) && Instant.now().isBefore(deadline) && !workerCannotRun(workflowId)) {
        sleep(Duration.ofMillis(500));
      }
      if (running(stub)) stub.terminate("schedules e2e test: run did not end after cancellation");
    } catch (RuntimeException e) {
      // already closed or gone
    }
  }

  /**
   * A failed workflow task: e.g. a worker without DrDrill registered yet; a cancel would never be
   * processed.
   */
  private static boolean workerCannotRun(String workflowId) {
    return workflows.fetchHistory(workflowId).getEvents().stream()
        .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
  }

  private static boolean running(WorkflowStub stub) {
    return stub.describe().getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  private static Path write(String name, String yaml) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, yaml);
    return file;
  }

  private static void await(Duration timeout, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) fail("not within " + timeout);
      sleep(Duration.ofMillis(250));
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
