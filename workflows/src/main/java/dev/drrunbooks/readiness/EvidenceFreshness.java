package dev.drrunbooks.readiness;

import dev.drrunbooks.activities.ledger.LastPassingRun;
import dev.drrunbooks.catalog.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a service's last passing drill and backup validation are as recent as the catalog's
 * schedules for it promise: a schedule that stopped running, or runs that keep failing, show here
 * before anyone needs the recovery they test.
 */
final class EvidenceFreshness {
  /** The procedures whose passing runs are evidence, as their schedules name them. */
  static final List<String> PROCEDURES =
      List.of(ScheduleSpec.DR_DRILL, ScheduleSpec.BACKUP_VALIDATION);

  private EvidenceFreshness() {}

  /**
   * One check per schedule of {@link #PROCEDURES} that covers {@code service}: its newest passing
   * run must be younger than the schedule's {@link ScheduleCadence#allowedAge}. A procedure no
   * schedule covers for the service fails: nothing promises that evidence will ever be fresh, so a
   * service no drill or validation tests is not ready, however old its last passing run.
   */
  static List<ReadinessCheck> checks(
      String service,
      Map<String, ScheduleSpec> schedules,
      List<LastPassingRun> lastPassing,
      Instant now) {
    List<ReadinessCheck> checks = new ArrayList<>();
    Set<String> covered = new HashSet<>();
    for (Map.Entry<String, ScheduleSpec> e : new java.util.TreeMap<>(schedules).entrySet()) {
      ScheduleSpec s = e.getValue();
      if (!PROCEDURES.contains(s.procedure()) || !s.services().contains(service)) continue;
      covered.add(s.procedure());
      Duration allowed = ScheduleCadence.allowedAge(s);
      String check = "last passing " + s.procedure();
      String expected = "within " + Ages.of(allowed) + " (schedule " + e.getKey() + ")";
      Optional<LastPassingRun> last = newest(lastPassing, s.procedure(), service);
      if (last.isEmpty()) {
        checks.add(
            new ReadinessCheck(service, check, expected, "none in the ledger", CheckVerdict.FAIL));
        continue;
      }
      Duration age = Duration.between(last.get().endedAt(), now);
      checks.add(
          ReadinessCheck.of(
              service,
              check,
              expected,
              Ages.of(age) + " ago (" + last.get().workflowId() + ")",
              age.compareTo(allowed) <= 0));
    }
    for (String procedure : PROCEDURES) {
      if (covered.contains(procedure)) continue;
      String found =
          "no schedule covers "
              + service
              + newest(lastPassing, procedure, service)
                  .map(
                      r ->
                          "; newest passing run "
                              + Ages.of(Duration.between(r.endedAt(), now))
                              + " ago ("
                              + r.workflowId()
                              + ")")
                  .orElse("");
      checks.add(
          new ReadinessCheck(
              service,
              "last passing " + procedure,
              "a catalog schedule runs it",
              found,
              CheckVerdict.FAIL));
    }
    return checks;
  }

  private static Optional<LastPassingRun> newest(
      List<LastPassingRun> lastPassing, String procedure, String service) {
    return lastPassing.stream()
        .filter(r -> r.procedure().equals(procedure) && r.service().equals(service))
        .max(java.util.Comparator.comparing(LastPassingRun::endedAt));
  }
}
