package dev.drrunbooks.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drrunbooks.model.ObjectiveCheck;
import dev.drrunbooks.model.SearchAttributes;
import dev.drrunbooks.report.RunReport;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributeUpdate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The outcome search attributes a run's report gives. */
class RunOutcomeTest {
  private static ObjectiveCheck check(int objectiveMinutes, Integer achievedSeconds) {
    return ObjectiveCheck.of(
        Duration.ofMinutes(objectiveMinutes),
        achievedSeconds == null ? null : Duration.ofSeconds(achievedSeconds),
        "from run start");
  }

  private static RunReport.Builder report() {
    return RunReport.builder("pitr-x", "pitr", "Point-in-time restore");
  }

  @Test
  void aRestoreWithinItsObjectivesGivesItsOutcomeAndAchievedSeconds() {
    RunOutcome o =
        RunOutcome.of(
            report()
                .outcome("SUCCEEDED", true, "ok")
                .objectives("inventory", check(30, 1200), check(15, 300), null)
                .build());
    assertEquals(new RunOutcome("SUCCEEDED", 1200L, 300L, false), o);
    assertEquals(
        Map.of(
            "DrOutcome", Optional.of("SUCCEEDED"),
            "DrRtoSeconds", Optional.of(1200L),
            "DrRpoSeconds", Optional.of(300L),
            "DrRtoBreached", Optional.of(false)),
        byName(o.updates()));
  }

  @Test
  void severalServicesGiveTheLongestAndABreachOfAny() {
    RunOutcome o =
        RunOutcome.of(
            report()
                .outcome("FAILED", false, "one missed")
                .objectives("inventory", check(30, 1200), null, true)
                .objectives("payments", check(15, 1000), check(15, 2000), false)
                .objectives("locations", check(60, 100), check(15, 60), true)
                .build());
    assertEquals(new RunOutcome("FAILED", 1200L, 2000L, true), o);
  }

  @Test
  void aBreachedRpoAloneIsNoRtoBreach() {
    RunOutcome o =
        RunOutcome.of(report().objectives("inventory", check(30, 60), check(1, 600), null).build());
    assertEquals(new RunOutcome("SUCCEEDED", 60L, 600L, false), o);
  }

  @Test
  void nothingMeasuredSetsOnlyTheOutcome() {
    RunOutcome o =
        RunOutcome.of(report().objectives("inventory", check(30, null), null, true).build());
    assertEquals(new RunOutcome("SUCCEEDED", null, null, null), o);
    assertEquals(Map.of("DrOutcome", Optional.of("SUCCEEDED")), byName(o.updates()));
    assertEquals(
        Map.of("DrOutcome", Optional.of("CANCELLED")),
        byName(RunOutcome.ended("CANCELLED").updates()));
  }

  @Test
  void everyAttributeIsDeclaredForRegistration() {
    for (SearchAttributeKey<?> key :
        List.of(
            SearchAttributes.OUTCOME,
            SearchAttributes.RTO_SECONDS,
            SearchAttributes.RPO_SECONDS,
            SearchAttributes.RTO_BREACHED))
      assertEquals(true, SearchAttributes.ALL.contains(key), key.getName());
  }

  private static Map<String, Optional<?>> byName(List<SearchAttributeUpdate<?>> updates) {
    Map<String, Optional<?>> m = new LinkedHashMap<>();
    for (SearchAttributeUpdate<?> u : updates) m.put(u.getKey().getName(), u.getValue());
    return m;
  }
}
