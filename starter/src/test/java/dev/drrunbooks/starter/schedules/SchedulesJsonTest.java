package dev.drrunbooks.starter.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.JsonOption;
import dev.drrunbooks.starter.e2e.CliRun;
import dev.drrunbooks.starter.schedules.ScheduleManager.Listed;
import dev.drrunbooks.starter.schedules.ScheduleManager.Standing;
import io.temporal.client.schedules.ScheduleRange;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code dr schedules ... --json} without a server: every verb takes it, a schedule as its JSON
 * line, and errors still go to stderr with the exit code they have without it.
 */
class SchedulesJsonTest {
  private static final List<String> VERBS =
      List.of("apply", "list", "create", "update", "pause", "unpause", "trigger", "delete");

  @Test
  void everySchedulesVerbListsJsonInItsHelp() {
    for (String verb : VERBS) {
      CliRun help = CliRun.of(new String[0], "schedules", verb, "--help");
      assertEquals(0, help.exitCode(), verb + ": " + help);
      assertTrue(help.out().contains("--json"), verb + ": " + help);
      assertTrue(help.out().contains("Print JSON on stdout"), verb + ": " + help);
    }
  }

  @Test
  void aScheduleNotYetCreatedIsItsCatalogEntryAsJson() throws Exception {
    DesiredSchedule drill =
        ScheduleTranslation.desired(CatalogFixture.load(), "monthly-dr-drill", "dr-runbooks");
    Listed listed =
        new Listed(
            drill.id(),
            drill.key(),
            Optional.empty(),
            Standing.NOT_CREATED,
            "declared in the catalog, not on the server: apply creates it");
    String line = JsonOption.MAPPER.writeValueAsString(ScheduleRow.of(listed, drill));
    assertFalse(line.contains("\n"), line);
    JsonNode row = JsonOption.MAPPER.readTree(line);
    assertEquals("dr-monthly-dr-drill", row.get("id").asText());
    assertEquals("monthly-dr-drill", row.get("key").asText());
    assertFalse(row.get("onServer").asBoolean());
    assertEquals("NOT_CREATED", row.get("standing").asText());
    assertEquals("DrDrill", row.get("workflowType").asText());
    assertEquals("dr-drill-inventory", row.get("workflowIdPrefix").asText());
    assertEquals("dr-runbooks", row.get("taskQueue").asText());
    assertEquals("inventory", row.get("input").get("services").get(0).asText(), line);
    assertEquals("10:00 UTC on the first Monday of every month", row.get("when").asText());
    JsonNode spec = row.get("spec");
    assertEquals("UTC", spec.get("timeZone").asText());
    JsonNode calendar = spec.get("calendars").get(0);
    assertEquals("0", calendar.get("second").asText(), line);
    assertEquals("0", calendar.get("minute").asText());
    assertEquals("10", calendar.get("hour").asText());
    assertEquals("1-7", calendar.get("dayOfMonth").asText());
    assertEquals("*", calendar.get("month").asText());
    assertEquals("1", calendar.get("dayOfWeek").asText(), "Monday is 1");
    assertEquals(0, spec.get("intervals").size());
    assertEquals("PT168H", row.get("catchupWindow").asText(), "7 days, ISO-8601");
    assertEquals("skip", row.get("overlap").asText());
    assertTrue(row.get("paused").isNull(), "not on the server: neither paused nor not");
    assertTrue(row.get("note").isNull());
    assertEquals(0, row.get("nextRunTimes").size());
    assertEquals(0, row.get("recentActions").size());
    assertTrue(row.get("numActions").isNull());
  }

  @Test
  void calendarFieldsAreInTheCatalogsGrammar() {
    assertEquals("*/5", ScheduleRow.field(List.of(new ScheduleRange(0, 59, 5)), 0, 59));
    assertEquals(
        "0,30", ScheduleRow.field(List.of(new ScheduleRange(0), new ScheduleRange(30)), 0, 59));
    assertEquals("1-5", ScheduleRow.field(List.of(new ScheduleRange(1, 5)), 0, 6));
    assertEquals("10-50/20", ScheduleRow.field(List.of(new ScheduleRange(10, 50, 20)), 0, 59));
    assertEquals("7", ScheduleRow.field(List.of(new ScheduleRange(7, 0, 0)), 1, 31), "end 0: 7");
    assertNull(ScheduleRow.field(List.of(), 0, 23), "unset: Temporal's default");
  }

  @Test
  void aBadCatalogUnderJsonIsTheSameErrorOnStderrWithNothingOnStdout() {
    for (String verb : VERBS) {
      String[] args =
          verb.equals("apply") || verb.equals("list")
              ? new String[] {"schedules", verb}
              : new String[] {"schedules", verb, "monthly-dr-drill"};
      String[] connection = {"--address", "127.0.0.1:1", "--catalog", "/nonexistent/catalog.yaml"};
      CliRun plain = CliRun.of(connection, args);
      CliRun json = CliRun.of(connection, withJson(args));
      assertEquals(ExitCodes.BAD_INPUT, plain.exitCode(), verb + ": " + plain);
      assertEquals(plain.exitCode(), json.exitCode(), verb + ": " + json);
      assertEquals("", json.out(), verb + ": " + json);
      assertEquals(plain.err(), json.err(), verb);
      assertTrue(json.err().contains("/nonexistent/catalog.yaml"), verb + ": " + json);
    }
  }

  @Test
  void noServerUnderJsonIsTheSameErrorOnStderrWithNothingOnStdout() {
    String[] connection = {
      "--address", "127.0.0.1:1", "--catalog", CatalogFixture.path().toString()
    };
    CliRun json = CliRun.of(connection, "schedules", "list", "--json");
    assertEquals(ExitCodes.CANNOT_CONNECT, json.exitCode(), json.toString());
    assertEquals("", json.out(), json.toString());
    assertTrue(json.err().contains("127.0.0.1:1"), json.toString());
    assertTrue(json.noStackTrace(), json.toString());
  }

  private static String[] withJson(String[] args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = "--json";
    return all;
  }
}
