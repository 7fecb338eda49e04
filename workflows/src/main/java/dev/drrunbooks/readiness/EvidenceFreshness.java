package dev.drrunbooks.readiness;

import dev.drrunbooks.activities.ledger.LastPassingRun;
import dev.drrunbooks.catalog.ScheduleSpec;
import dev.drrunbooks.model.InputRules;
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
 *
 * <p>A {@code fleet-validation} schedule covers the backup validation of every service it names
 * ({@code all}: every service): its runs validate each as a backup-validation child run, whose
 * ledger row is the service's backup-validation evidence like a run started on its own. A {@code
 * fleet-drill} schedule covers their drills alike (its children are DR drills).
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
      String procedure = evidenceOf(s);
      if (procedure == null || !covers(s, service)) continue;
      covered.add(procedure);
      Duration allowed = ScheduleCadence.allowedAge(s);
      String check = "last passing " + procedure;
      String expected = "within " + Ages.of(allowed) + " (schedule " + e.getKey() + ")";
      Optional<LastPassingRun> last = newest(lastPassing, procedure, service);
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

  /**
   * The procedure of {@link #PROCEDURES} whose passing runs the schedule's runs leave in the
   * ledger: its own, or its children's for a fleet (backup-validation, dr-drill); null for one that
   * leaves no such evidence (readiness).
   */
  static String evidenceOf(ScheduleSpec schedule) {
    if (ScheduleSpec.FLEET_VALIDATION.equals(schedule.procedure()))
      return ScheduleSpec.BACKUP_VALIDATION;
    if (ScheduleSpec.FLEET_DRILL.equals(schedule.procedure())) return ScheduleSpec.DR_DRILL;
    return PROCEDURES.contains(schedule.procedure()) ? schedule.procedure() : null;
  }

  /**
   * Whether the schedule's runs include {@code service}: named, or a fleet of {@code all} (or of
   * none named, which the fleet reads as all).
   */
  static boolean covers(ScheduleSpec schedule, String service) {
    if (schedule.services().contains(service)) return true;
    return schedule.fleet()
        && (schedule.services().isEmpty() || schedule.services().contains(InputRules.ALL));
  }

  private static Optional<LastPassingRun> newest(
      List<LastPassingRun> lastPassing, String procedure, String service) {
    return lastPassing.stream()
        .filter(r -> r.procedure().equals(procedure) && r.service().equals(service))
        .max(java.util.Comparator.comparing(LastPassingRun::endedAt));
  }
}
