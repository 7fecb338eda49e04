package dev.drrunbooks.gateway.sns;

import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.incident.IncidentResponse;
import dev.drrunbooks.payload.ServiceInput;
import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.runbook.Runbook;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which procedure a CloudWatch alarm starts, as Route 53 ARC's alarm triggers do:
 * DR_GATEWAY_ALARMS, e.g. {@code inventory-api-5xx=ecs-recovery:inventory;payments-down=
 * incident-response:payments} (alarm name, {@code =}, procedure key, {@code :}, catalog service).
 * Only procedures whose input is a service ({@link ServiceInput}) or an incident can be mapped: the
 * alarm gives nothing else. The run applies its own approval gates as for any start. Checked
 * against the registry and the catalog when the gateway starts.
 */
public final class AlarmTriggers {
  public static final String ENV = "DR_GATEWAY_ALARMS";

  /** What an alarm starts. */
  public record Trigger(Procedure<?, ?> procedure, String service) {}

  private final Map<String, Trigger> byAlarm;

  private AlarmTriggers(Map<String, Trigger> byAlarm) {
    this.byAlarm = byAlarm;
  }

  /**
   * @throws IllegalArgumentException naming the entry and what is allowed
   */
  public static AlarmTriggers parse(String spec, Catalog catalog) {
    Map<String, Trigger> map = new LinkedHashMap<>();
    if (spec == null || spec.isBlank()) return new AlarmTriggers(map);
    for (String entry : spec.split(";")) {
      if (entry.isBlank()) continue;
      String[] parts = entry.trim().split("[=:]", -1);
      if (parts.length != 3 || parts[0].isBlank())
        throw new IllegalArgumentException(
            ENV + ": '" + entry.trim() + "' is not valid; allowed: ALARM=PROCEDURE:SERVICE");
      Procedure<?, ?> p =
          Runbook.ofKey(parts[1].trim())
              .filter(
                  q ->
                      q == IncidentResponse.PROCEDURE
                          || ServiceInput.class.isAssignableFrom(q.inputType()))
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          ENV
                              + ": procedure '"
                              + parts[1].trim()
                              + "' cannot be started by an alarm; allowed: "
                              + startable()));
      String service = parts[2].trim();
      if (!catalog.services().containsKey(service))
        throw new IllegalArgumentException(
            ENV
                + ": '"
                + service
                + "' is not a catalog service; allowed: "
                + String.join(", ", catalog.serviceKeys()));
      map.put(parts[0].trim(), new Trigger(p, service));
    }
    return new AlarmTriggers(map);
  }

  public Optional<Trigger> of(String alarmName) {
    return Optional.ofNullable(byAlarm.get(alarmName));
  }

  private static String startable() {
    return String.join(
        ", ",
        Runbook.procedures().stream()
            .filter(
                q ->
                    q == IncidentResponse.PROCEDURE
                        || ServiceInput.class.isAssignableFrom(q.inputType()))
            .map(Procedure::key)
            .toList());
  }
}
