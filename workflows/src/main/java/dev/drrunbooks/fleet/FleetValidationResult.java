package dev.drrunbooks.fleet;

import dev.drrunbooks.model.TimelineEntry;
import java.util.List;

/**
 * A fleet run's members, in the order they were queued, and the limits it kept.
 *
 * @param mostAtOnce the most child runs that were in flight at once (never above the limits)
 * @param summary one line: how many passed, which failed
 * @param timeline the fleet run's own steps (each child keeps its own timeline and report)
 */
public record FleetValidationResult(
    List<FleetMemberResult> members,
    FleetLimits limits,
    int mostAtOnce,
    String summary,
    List<TimelineEntry> timeline) {

  public FleetValidationResult {
    members = members == null ? List.of() : List.copyOf(members);
    timeline = timeline == null ? List.of() : List.copyOf(timeline);
  }

  /** Whether every member passed. */
  public boolean passed() {
    return !members.isEmpty() && members.stream().allMatch(FleetMemberResult::passed);
  }

  /** The members that did not pass. */
  public List<FleetMemberResult> notPassed() {
    return members.stream().filter(m -> !m.passed()).toList();
  }

  static String summarize(List<FleetMemberResult> members) {
    long passed = members.stream().filter(FleetMemberResult::passed).count();
    List<String> others =
        members.stream()
            .filter(m -> !m.passed())
            .map(m -> m.service() + " " + m.outcome())
            .toList();
    return "Backups of "
        + passed
        + " of "
        + members.size()
        + " service(s) validated"
        + (others.isEmpty() ? "" : "; not validated: " + String.join(", ", others));
  }
}
