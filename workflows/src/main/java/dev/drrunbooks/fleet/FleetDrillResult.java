package dev.drrunbooks.fleet;

import dev.drrunbooks.model.TimelineEntry;
import java.util.List;

/**
 * A fleet drill's members, most critical first, and the limits it kept.
 *
 * @param mostAtOnce the most child runs that were in flight at once (never above the limits)
 * @param summary one line: how many passed, which did not
 * @param timeline the fleet run's own steps (each child keeps its own timeline and report)
 */
public record FleetDrillResult(
    List<FleetDrillMember> members,
    FleetLimits limits,
    int mostAtOnce,
    String summary,
    List<TimelineEntry> timeline) {

  public FleetDrillResult {
    members = members == null ? List.of() : List.copyOf(members);
    timeline = timeline == null ? List.of() : List.copyOf(timeline);
  }

  /** Whether every member's drill passed. */
  public boolean passed() {
    return !members.isEmpty() && members.stream().allMatch(FleetDrillMember::passed);
  }

  static String summarize(List<FleetDrillMember> members) {
    long passed = members.stream().filter(FleetDrillMember::passed).count();
    List<String> others =
        members.stream()
            .filter(m -> !m.passed())
            .map(m -> m.service() + " " + m.outcome())
            .toList();
    return "DR drills of "
        + passed
        + " of "
        + members.size()
        + " service(s) passed"
        + (others.isEmpty() ? "" : "; not passed: " + String.join(", ", others));
  }
}
