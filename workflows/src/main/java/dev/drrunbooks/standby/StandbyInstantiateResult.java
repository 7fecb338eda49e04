package dev.drrunbooks.standby;

import dev.drrunbooks.model.TimelineEntry;
import java.util.List;

/**
 * Every service's standby check, a one-line summary, and the run's timeline.
 *
 * @param mode "audit" or "apply"
 * @param services the services checked (those whose recovery strategy is replica)
 * @param kept what the run leaves on purpose: the replicas it created, each the service's standby,
 *     never deleted by the run nor by {@code dr cleanup} of it; empty when it created none
 */
public record StandbyInstantiateResult(
    String mode,
    List<String> services,
    List<StandbyInstantiateCheck> checks,
    List<String> kept,
    String summary,
    List<TimelineEntry> timeline) {

  static StandbyInstantiateResult of(
      boolean apply,
      List<String> services,
      List<StandbyInstantiateCheck> checks,
      List<TimelineEntry> timeline) {
    List<String> kept =
        checks.stream()
            .filter(c -> c.action() == StandbyInstantiateAction.CREATED)
            .map(StandbyInstantiateCheck::replica)
            .toList();
    return new StandbyInstantiateResult(
        apply ? "apply" : "audit",
        services,
        checks,
        kept,
        summary(apply, services, checks, kept),
        timeline);
  }

  /** How many checks ended with {@code action}. */
  public long count(StandbyInstantiateAction action) {
    return checks.stream().filter(c -> c.action() == action).count();
  }

  /** Every service has a usable standby: each is compliant or was created. */
  public boolean allHealthy() {
    return checks.stream().allMatch(c -> c.action().healthy());
  }

  private static String summary(
      boolean apply,
      List<String> services,
      List<StandbyInstantiateCheck> checks,
      List<String> kept) {
    if (services.isEmpty())
      return "No service selected has recovery strategy replica; nothing to check";
    StringBuilder s = new StringBuilder();
    for (StandbyInstantiateAction a : StandbyInstantiateAction.values()) {
      long n = checks.stream().filter(c -> c.action() == a).count();
      if (n == 0) continue;
      if (!s.isEmpty()) s.append(", ");
      s.append(n).append(' ').append(a.name().toLowerCase().replace('_', ' '));
    }
    s.append(" of ").append(checks.size()).append(" standby replica(s)");
    if (!kept.isEmpty())
      s.append("; created and kept as the standby (not deleted by this run nor by dr cleanup): ")
          .append(String.join(", ", kept));
    boolean missing = checks.stream().anyMatch(c -> c.action() == StandbyInstantiateAction.MISSING);
    if (!apply && missing) s.append("; nothing changed (audit only, run with --apply to create)");
    else if (!apply || kept.isEmpty()) s.append("; nothing changed");
    return s.toString();
  }
}
