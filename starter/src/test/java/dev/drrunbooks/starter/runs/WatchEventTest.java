package dev.drrunbooks.starter.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.TimelineEntry;
import dev.drrunbooks.starter.JsonOption;
import dev.drrunbooks.starter.RunEnding;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** dr watch --json: each line names its kind and carries only that kind's field. */
class WatchEventTest {
  private static final Instant T0 = Instant.parse("2026-12-01T07:00:00Z");

  @Test
  void eachKindIsOneCompactObject() throws Exception {
    assertEquals(
        "{\"event\":\"step\",\"step\":{\"step\":\"probe\",\"start\":\"2026-12-01T07:00:00Z\","
            + "\"end\":\"2026-12-01T07:00:03Z\",\"outcome\":\"SUCCEEDED\",\"detail\":\"ok\"}}",
        JsonOption.MAPPER.writeValueAsString(
            WatchEvent.step(
                new TimelineEntry("probe", T0, T0.plusSeconds(3), Outcome.SUCCEEDED, "ok"))));
    assertEquals(
        "{\"event\":\"progress\",\"progress\":\"phase: confirm\"}",
        JsonOption.MAPPER.writeValueAsString(WatchEvent.progress("phase: confirm")));
    assertEquals(
        "{\"event\":\"end\",\"ending\":{\"workflowId\":\"wf\",\"runId\":\"r1\","
            + "\"state\":\"CANCELED\",\"closed\":\"2026-12-01T07:00:00Z\",\"failure\":\"cancelled\","
            + "\"exitCode\":1}}",
        JsonOption.MAPPER.writeValueAsString(
            WatchEvent.end(new RunEnding("wf", "r1", "CANCELED", T0, "cancelled", 1))));
  }
}
