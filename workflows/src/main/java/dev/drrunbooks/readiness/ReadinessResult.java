package dev.drrunbooks.readiness;

import dev.drrunbooks.model.TimelineEntry;
import java.time.Instant;
import java.util.List;

/**
 * What an evaluation found, service by service.
 *
 * @param evaluatedAt when (workflow time)
 * @param summary one line: how many services are ready, which are not and why
 * @param timeline the evaluation's own steps
 */
public record ReadinessResult(
    Instant evaluatedAt,
    List<ServiceReadiness> services,
    String summary,
    List<TimelineEntry> timeline) {

  public ReadinessResult {
    services = services == null ? List.of() : List.copyOf(services);
    timeline = timeline == null ? List.of() : List.copyOf(timeline);
  }

  public static ReadinessResult of(
      Instant at, List<ServiceReadiness> services, List<TimelineEntry> timeline) {
    List<ServiceReadiness> notReady = services.stream().filter(s -> !s.ready()).toList();
    String summary =
        notReady.isEmpty()
            ? "All " + services.size() + " service(s) ready"
            : notReady.size()
                + " of "
                + services.size()
                + " service(s) not ready: "
                + String.join(
                    "; ",
                    notReady.stream()
                        .map(s -> s.service() + " (" + ReadinessResult.why(s) + ")")
                        .toList());
    return new ReadinessResult(at, services, summary, timeline);
  }

  /**
   * What keeps a service from ready, short: its one failing check by name, else how many, and a
   * forecast at risk with the step that dominates it.
   */
  static String why(ServiceReadiness s) {
    List<String> reasons = new java.util.ArrayList<>();
    List<ReadinessCheck> failing = s.failing();
    if (failing.size() == 1) reasons.add(failing.get(0).check());
    else if (!failing.isEmpty()) reasons.add(failing.size() + " checks failing");
    if (s.rto() != null && s.rto().verdict() == RtoForecast.Verdict.AT_RISK)
      reasons.add("predicted RTO at risk, dominated by " + s.rto().dominating().title());
    return String.join(", ", reasons);
  }

  /** Whether every service is ready. */
  public boolean ready() {
    return services.stream().allMatch(ServiceReadiness::ready);
  }
}
