package dev.drrunbooks.starter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.testing.SandboxEnv;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleListDescription;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * {@code dr schedules ... --json} on the sandbox's Temporal server: every stdout line is one JSON
 * object, none of the human tables or lines appear there, hints and errors go to stderr with the
 * exit codes they have without {@code --json}. No worker polls the task queue: the run a trigger
 * starts only waits, and is terminated at the end with every schedule the test made.
 */
@ResourceLock(SandboxLocks.SCHEDULES)
class SchedulesJsonEndToEndTest {
  private static final String DRILL = "dr-monthly-dr-drill";
  private static final String WEEKLY = "dr-weekly-backup-validation";
  private static final String READINESS = "dr-readiness-every-30-minutes";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String TASK_QUEUE = "dr-e2e-json-" + Long.toString(System.nanoTime(), 36);
  private static SandboxEnv env;
  private static WorkflowServiceStubs stubs;
  private static ScheduleClient schedules;
  private static WorkflowClient workflows;
  private static final List<String> runsStarted = new ArrayList<>();

  @TempDir static Path dir;

  @BeforeAll
  static void connect() {
    env = SandboxEnv.get();
    String namespace = env.get("TEMPORAL_NAMESPACE", "default");
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(env.require("TEMPORAL_ADDRESS"))
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
      deleteIfThere(DRILL);
      deleteIfThere(WEEKLY);
      deleteIfThere(READINESS);
      for (String id : runsStarted) {
        WorkflowStub run = workflows.newUntypedWorkflowStub(id, Optional.empty(), Optional.empty());
        try {
          if (run.describe().getStatus()
              == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
            run.terminate("schedules --json e2e test: its run is not meant to run");
        } catch (RuntimeException e) {
          // already closed or gone
        }
      }
    } finally {
      if (stubs != null) stubs.shutdown();
    }
  }

  @Test
  void everyVerbPrintsOnlyJsonOnStdout() throws IOException {
    deleteIfThere(DRILL);
    deleteIfThere(WEEKLY);
    deleteIfThere(READINESS);
    Path catalog = CatalogFixture.path();

    // apply: one object per schedule, the counts on stderr, no table on stdout
    CliRun apply = dr(catalog, "schedules", "apply", "--json");
    assertEquals(0, apply.exitCode(), apply.toString());
    assertNoHumanOutput(apply, "SCHEDULE", "DONE", "created, 0 updated");
    JsonNode drillCreated = only(lines(apply), DRILL);
    assertEquals("monthly-dr-drill", drillCreated.get("key").asText());
    assertEquals("CREATED", drillCreated.get("done").asText(), apply.toString());
    assertEquals(
        "DrDrill inventory; 10:00 UTC on the first Monday of every month; catch-up 7d",
        drillCreated.get("detail").asText());
    assertEquals("CREATED", only(lines(apply), WEEKLY).get("done").asText(), apply.toString());
    assertTrue(
        apply.err().contains("3 created, 0 updated, 0 unchanged, 0 deleted"), apply.toString());
    awaitListed(DRILL);
    awaitListed(WEEKLY);

    CliRun again = dr(catalog, "schedules", "apply", "--json");
    assertEquals(0, again.exitCode(), again.toString());
    assertEquals("UNCHANGED", only(lines(again), DRILL).get("done").asText(), again.toString());
    assertEquals("UNCHANGED", only(lines(again), WEEKLY).get("done").asText(), again.toString());

    // list: one object per schedule per line (JSON Lines), with what it starts and when
    CliRun list = dr(catalog, "schedules", "list", "--json");
    assertEquals(0, list.exitCode(), list.toString());
    assertNoHumanOutput(list, DRILL + "  active", "  when      ", "  next      ", "  catalog   ");
    assertEquals("", list.err(), list.toString());
    JsonNode drill = only(lines(list), DRILL);
    assertEquals("monthly-dr-drill", drill.get("key").asText());
    assertTrue(drill.get("onServer").asBoolean());
    assertEquals("AS_DECLARED", drill.get("standing").asText());
    assertEquals("as the catalog declares", drill.get("relation").asText());
    assertEquals("DrDrill", drill.get("workflowType").asText());
    assertEquals("dr-drill-inventory", drill.get("workflowIdPrefix").asText());
    assertEquals(TASK_QUEUE, drill.get("taskQueue").asText());
    assertEquals("inventory", drill.get("input").get("services").get(0).asText(), list.out());
    assertEquals("10:00 UTC on the first Monday of every month", drill.get("when").asText());
    JsonNode calendar = drill.get("spec").get("calendars").get(0);
    assertEquals("10", calendar.get("hour").asText(), list.out());
    assertEquals("0", calendar.get("minute").asText());
    assertEquals("1-7", calendar.get("dayOfMonth").asText());
    assertEquals("1", calendar.get("dayOfWeek").asText());
    assertEquals("UTC", drill.get("spec").get("timeZone").asText());
    assertEquals("PT168H", drill.get("catchupWindow").asText());
    assertEquals("skip", drill.get("overlap").asText());
    assertFalse(drill.get("paused").asBoolean());
    assertEquals(
        "declared in the catalog as monthly-dr-drill; made by dr schedules",
        drill.get("note").asText(),
        list.out());
    assertFalse(drill.get("nextRunTimes").isEmpty(), list.out());
    for (JsonNode t : drill.get("nextRunTimes")) Instant.parse(t.asText());
    assertEquals(0, drill.get("recentActions").size(), list.out());
    assertEquals(0, drill.get("numActions").asLong());
    JsonNode weekly = only(lines(list), WEEKLY);
    assertEquals("FleetValidation", weekly.get("workflowType").asText());
    assertEquals("all", weekly.get("input").get("services").get(0).asText(), list.out());
    assertEquals(4, weekly.get("input").get("maxConcurrent").asInt(), list.out());
    assertEquals("03:30 UTC every Sunday", weekly.get("when").asText());
    assertEquals("0", weekly.get("spec").get("calendars").get(0).get("dayOfWeek").asText());

    // trigger: the run it started, by workflow and run id
    CliRun trigger = dr(catalog, "schedules", "trigger", "monthly-dr-drill", "--json");
    assertEquals(0, trigger.exitCode(), trigger.toString());
    assertNoHumanOutput(trigger, "Triggered", "Temporal UI:");
    JsonNode triggered = single(trigger);
    assertEquals(DRILL, triggered.get("id").asText());
    assertEquals("monthly-dr-drill", triggered.get("key").asText());
    assertEquals("TRIGGERED", triggered.get("done").asText());
    String runId = triggered.get("workflowId").asText();
    assertTrue(runId.startsWith("dr-drill-inventory-"), trigger.toString());
    runsStarted.add(runId);
    assertFalse(triggered.get("runId").asText().isBlank(), trigger.toString());
    assertNotNull(triggered.get("link").textValue(), trigger.toString());
    assertFalse(triggered.get("paused").asBoolean());
    assertEquals(
        "DrDrill",
        workflows
            .newUntypedWorkflowStub(
                runId, Optional.of(triggered.get("runId").asText()), Optional.empty())
            .describe()
            .getWorkflowType());

    // a refusal under --json: the same exit code and message on stderr, nothing on stdout
    CliRun refused = dr(catalog, "schedules", "trigger", "monthly-dr-drill", "--json");
    assertEquals(ExitCodes.REFUSED, refused.exitCode(), refused.toString());
    assertEquals("", refused.out(), refused.toString());
    assertTrue(refused.err().contains(runId + " (run id "), refused.toString());
    assertTrue(refused.err().contains("is still running"), refused.toString());

    // the listed drill names the run among its recent and running ones
    JsonNode afterTrigger = only(lines(dr(catalog, "schedules", "list", "--json")), DRILL);
    assertTrue(
        contains(afterTrigger.get("recentActions"), runId), "recent: " + afterTrigger.toString());
    JsonNode recent = afterTrigger.get("recentActions").get(0);
    Instant.parse(recent.get("startedAt").asText());
    Instant.parse(recent.get("scheduledAt").asText());
    assertTrue(contains(afterTrigger.get("runningActions"), runId), afterTrigger.toString());
    assertEquals(1, afterTrigger.get("numActions").asLong(), afterTrigger.toString());

    // pause and unpause: the schedule, its state and note; the hint on stderr
    CliRun pause =
        dr(catalog, "schedules", "pause", WEEKLY, "--why", "e2e: json pause test", "--json");
    assertEquals(0, pause.exitCode(), pause.toString());
    assertNoHumanOutput(pause, "Paused", "No scheduled run starts until");
    JsonNode paused = single(pause);
    assertEquals(WEEKLY, paused.get("id").asText());
    assertEquals("weekly-backup-validation", paused.get("key").asText());
    assertEquals("PAUSED", paused.get("done").asText());
    assertTrue(paused.get("paused").asBoolean());
    assertEquals("e2e: json pause test", paused.get("note").asText());
    assertTrue(
        pause
            .err()
            .contains(
                "No scheduled run starts until: dr schedules unpause"
                    + " weekly-backup-validation"),
        pause.toString());
    JsonNode weeklyPaused = only(lines(dr(catalog, "schedules", "list", "--json")), WEEKLY);
    assertTrue(weeklyPaused.get("paused").asBoolean(), weeklyPaused.toString());
    assertEquals("e2e: json pause test", weeklyPaused.get("note").asText());

    CliRun unpause = dr(catalog, "schedules", "unpause", "weekly-backup-validation", "--json");
    assertEquals(0, unpause.exitCode(), unpause.toString());
    assertNoHumanOutput(unpause, "Unpaused", "next run");
    JsonNode unpaused = single(unpause);
    assertEquals(WEEKLY, unpaused.get("id").asText());
    assertEquals("UNPAUSED", unpaused.get("done").asText());
    assertFalse(unpaused.get("paused").asBoolean());
    assertTrue(unpaused.get("note").asText().startsWith("unpaused by "), unpause.toString());
    assertFalse(unpaused.get("nextRunTimes").isEmpty(), unpause.toString());

    // create of one that exists: refused, exit 3, its object on stdout and why on stderr
    CliRun create = dr(catalog, "schedules", "create", "monthly-dr-drill", "--json");
    assertEquals(ExitCodes.REFUSED, create.exitCode(), create.toString());
    assertNoHumanOutput(create, "SCHEDULE", "DONE");
    JsonNode createRefused = single(create);
    assertEquals(DRILL, createRefused.get("id").asText());
    assertEquals("REFUSED", createRefused.get("done").asText());
    assertTrue(
        createRefused.get("detail").asText().startsWith("already exists; change it with:"),
        create.toString());
    assertTrue(create.err().startsWith(DRILL + " refused: already exists"), create.toString());

    // update to a changed catalog: UPDATED, then UNCHANGED
    Path elevenOClock =
        write(
            "eleven.yaml",
            CatalogFixture.text()
                .replace(
                    "calendar: { hour: 10, minute: 0, dayOfMonth: 1-7, dayOfWeek: MON }",
                    "calendar: { hour: 11, minute: 0, dayOfMonth: 1-7, dayOfWeek: MON }"));
    CliRun update = dr(elevenOClock, "schedules", "update", DRILL, "--json");
    assertEquals(0, update.exitCode(), update.toString());
    JsonNode updated = single(update);
    assertEquals("UPDATED", updated.get("done").asText(), update.toString());
    assertEquals("monthly-dr-drill", updated.get("key").asText());
    assertTrue(
        updated.get("detail").asText().contains("11:00 UTC on the first Monday"),
        update.toString());
    assertEquals(
        "UNCHANGED",
        single(dr(elevenOClock, "schedules", "update", DRILL, "--json")).get("done").asText());
    JsonNode drillEleven = only(lines(dr(catalog, "schedules", "list", "--json")), DRILL);
    assertEquals("DIFFERS", drillEleven.get("standing").asText(), drillEleven.toString());
    assertEquals("11", drillEleven.get("spec").get("calendars").get(0).get("hour").asText());

    // delete: which schedule, and that the catalog still declares it (the hint on stderr)
    CliRun delete = dr(catalog, "schedules", "delete", "monthly-dr-drill", "--json");
    assertEquals(0, delete.exitCode(), delete.toString());
    assertNoHumanOutput(delete, "Deleted", "still in the catalog");
    JsonNode deleted = single(delete);
    assertEquals(DRILL, deleted.get("id").asText());
    assertEquals("DELETED", deleted.get("done").asText());
    assertTrue(deleted.get("inCatalog").asBoolean());
    assertTrue(delete.err().contains("It is still in the catalog"), delete.toString());

    // listed, not on the server: what apply would create, nothing only the server knows
    JsonNode notCreated = only(lines(dr(catalog, "schedules", "list", "--json")), DRILL);
    assertFalse(notCreated.get("onServer").asBoolean(), notCreated.toString());
    assertEquals("NOT_CREATED", notCreated.get("standing").asText());
    assertEquals("DrDrill", notCreated.get("workflowType").asText());
    assertEquals("10", notCreated.get("spec").get("calendars").get(0).get("hour").asText());
    assertTrue(notCreated.get("paused").isNull(), notCreated.toString());
    assertEquals(0, notCreated.get("nextRunTimes").size());

    // an unknown name: exit 2, the message on stderr as without --json, nothing on stdout
    for (String verb : List.of("pause", "unpause", "trigger", "delete", "create", "update")) {
      CliRun unknown = dr(catalog, "schedules", verb, "quarterly-chaos-day", "--json");
      CliRun plain = dr(catalog, "schedules", verb, "quarterly-chaos-day");
      assertEquals(ExitCodes.BAD_INPUT, unknown.exitCode(), verb + ": " + unknown);
      assertEquals("", unknown.out(), verb + ": " + unknown);
      assertEquals(plain.err(), unknown.err(), verb);
      assertTrue(unknown.err().contains("'quarterly-chaos-day'"), verb + ": " + unknown);
    }
  }

  /** Every stdout line is a JSON object; none is the human output's. */
  private static List<JsonNode> lines(CliRun run) {
    List<JsonNode> objects = new ArrayList<>();
    for (String line : run.out().split("\n")) {
      if (line.isEmpty()) continue;
      try {
        JsonNode node = JSON.readTree(line);
        assertTrue(node.isObject(), "not a JSON object: " + line + "\n" + run);
        objects.add(node);
      } catch (IOException e) {
        fail("stdout line is not JSON: '" + line + "'\n" + run);
      }
    }
    return objects;
  }

  /** The one stdout line, a JSON object. */
  private static JsonNode single(CliRun run) {
    List<JsonNode> objects = lines(run);
    assertEquals(1, objects.size(), run.toString());
    assertTrue(run.out().endsWith("\n"), run.toString());
    return objects.get(0);
  }

  /** The one object about schedule {@code id} (the server may hold other dr- schedules). */
  private static JsonNode only(List<JsonNode> objects, String id) {
    List<JsonNode> about = objects.stream().filter(o -> id.equals(o.path("id").asText())).toList();
    assertEquals(1, about.size(), id + " in " + objects);
    return about.get(0);
  }

  private static void assertNoHumanOutput(CliRun run, String... humanText) {
    lines(run);
    for (String text : humanText)
      assertFalse(run.out().contains(text), "'" + text + "' on stdout under --json\n" + run);
  }

  private static boolean contains(JsonNode actions, String workflowId) {
    for (JsonNode a : actions) if (workflowId.equals(a.path("workflowId").asText())) return true;
    return false;
  }

  private static CliRun dr(Path catalog, String... args) {
    String[] connection = {
      "--address",
      env.require("TEMPORAL_ADDRESS"),
      "--task-queue",
      TASK_QUEUE,
      "--ui",
      env.get("TEMPORAL_UI_URL", ""),
      "--catalog",
      catalog.toString()
    };
    return CliRun.of(connection, args);
  }

  private static Path write(String name, String yaml) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, yaml);
    return file;
  }

  private static void deleteIfThere(String id) {
    try {
      schedules.getHandle(id).delete();
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof io.grpc.StatusRuntimeException s
            && s.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) return;
      }
      throw e;
    }
  }

  /**
   * apply finds schedules to delete by listing; the server's list catches up with a create within
   * moments.
   */
  private static void awaitListed(String id) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    BooleanSupplier listed =
        () ->
            schedules
                .listSchedules()
                .map(ScheduleListDescription::getScheduleId)
                .anyMatch(id::equals);
    while (!listed.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) fail(id + " not listed within 20s");
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
