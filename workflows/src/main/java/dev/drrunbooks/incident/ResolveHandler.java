package dev.drrunbooks.incident;

import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.Timeline;
import java.util.ArrayList;
import java.util.List;

/**
 * The resolve update: ends the incident once every affected service is verified and no recovery
 * runs, or by force with a reason; the run then writes the post-incident review.
 */
final class ResolveHandler implements UpdateHandler<Resolution> {
  private final IncidentState state;

  ResolveHandler(IncidentState state) {
    this.state = state;
  }

  @Override
  public void validate(Resolution r) {
    if (r == null) throw new IllegalArgumentException("who: say who resolves");
    UpdateChecks.requireWhoWhy(r.who(), r.why(), "say why the incident is over");
    if (Boolean.TRUE.equals(r.force())) return;
    List<String> problems = new ArrayList<>();
    if (!state.unverified().isEmpty())
      problems.add("not verified: " + String.join(", ", state.unverified()));
    state.runningChildren().forEach(c -> problems.add("still running: " + c.workflowId()));
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "cannot resolve: "
              + String.join("; ", problems)
              + " (verify first, or resolve with force and a reason)");
    }
  }

  @Override
  public Object apply(Resolution r) {
    state.resolvedAt = Timeline.now();
    state.resolution = r;
    state
        .timeline()
        .record(
            "resolved by " + r.who() + (Boolean.TRUE.equals(r.force()) ? " (forced)" : ""),
            state.resolvedAt,
            Outcome.SUCCEEDED,
            r.why());
    return null;
  }
}
