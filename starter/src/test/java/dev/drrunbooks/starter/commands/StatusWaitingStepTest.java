package dev.drrunbooks.starter.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** dr status names the gate a run waits at, so it can print the dr approve command. */
class StatusWaitingStepTest {

  @Test
  void theGateAStatusWaitsAtOrNone() {
    assertEquals(
        "promote-standby",
        StatusCommand.waitingStep(
            Map.of("phase", "approval", "waitingFor", Map.of("step", "promote-standby"))));
    Map<String, Object> notWaiting = new HashMap<>();
    notWaiting.put("phase", "promote");
    notWaiting.put("waitingFor", null);
    assertNull(StatusCommand.waitingStep(notWaiting));
    assertNull(StatusCommand.waitingStep(Map.of("waitingFor", Map.of("step", " "))));
    assertNull(StatusCommand.waitingStep(List.of("phase")));
    assertNull(StatusCommand.waitingStep("running"));
  }
}
