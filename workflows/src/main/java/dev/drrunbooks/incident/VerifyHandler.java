package dev.drrunbooks.incident;

import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.Timeline;
import java.time.Instant;
import java.util.List;

/**
 * The verify update: services confirmed working again (their RTO is measured up to now); the
 * verification phase is done when every affected service is.
 */
final class VerifyHandler implements UpdateHandler<Verification> {
  private final IncidentState state;

  VerifyHandler(IncidentState state) {
    this.state = state;
  }

  @Override
  public void validate(Verification v) {
    if (v == null) throw new IllegalArgumentException("who: say who verified");
    UpdateChecks.requireWhoWhy(v.who(), v.why(), "say how it was verified (smoke tests, metrics)");
    UpdateChecks.requireAcknowledged(state, "verify");
    List<String> which =
        v.services() == null || v.services().isEmpty() ? state.unverified() : v.services();
    if (which.isEmpty())
      throw new IllegalArgumentException("services: every affected service is already verified");
    for (String typed : which) {
      String s = UpdateChecks.requireService(state, "services", typed);
      if (state.verifiedAt.containsKey(s)) {
        throw new IllegalArgumentException(
            "services: " + typed + " was already verified at " + state.verifiedAt.get(s));
      }
      for (ChildRecovery c : state.runningChildren()) {
        if (c.service().equals(s)) {
          throw new IllegalArgumentException(
              "services: "
                  + typed
                  + " still has a recovery running ("
                  + c.workflowId()
                  + "); let it finish, or abort it, before verifying");
        }
      }
    }
  }

  @Override
  public Object apply(Verification v) {
    List<String> which =
        v.services() == null || v.services().isEmpty()
            ? state.unverified()
            : v.services().stream().map(String::trim).toList();
    Instant now = Timeline.now();
    which.forEach(s -> state.verifiedAt.put(s, now));
    if (state.unverified().isEmpty()) state.markDone(IncidentPhase.VERIFICATION, v.who(), now);
    state
        .timeline()
        .record(
            "verified " + String.join(", ", which) + " by " + v.who(),
            now,
            Outcome.SUCCEEDED,
            v.why());
    return null;
  }
}
