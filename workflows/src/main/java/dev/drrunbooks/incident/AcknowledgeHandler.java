package dev.drrunbooks.incident;

import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.Timeline;

/** The acknowledge update: someone takes the incident, which ends the detection phase. */
final class AcknowledgeHandler implements UpdateHandler<Acknowledgement> {
  private final IncidentState state;

  AcknowledgeHandler(IncidentState state) {
    this.state = state;
  }

  @Override
  public void validate(Acknowledgement ack) {
    UpdateChecks.requireWho(ack == null ? null : ack.who(), "say who takes the incident");
    if (state.acknowledgedBy != null) {
      throw new IllegalArgumentException(
          "already acknowledged by "
              + state.acknowledgedBy
              + " at "
              + state.doneAt.get(IncidentPhase.DETECTION));
    }
  }

  @Override
  public Object apply(Acknowledgement ack) {
    state.acknowledgedBy = ack.who().trim();
    state.markDone(IncidentPhase.DETECTION, state.acknowledgedBy, Timeline.now());
    state
        .timeline()
        .record(
            "acknowledged by " + state.acknowledgedBy,
            Timeline.now(),
            Outcome.SUCCEEDED,
            ack.why() == null ? "" : ack.why());
    return null;
  }
}
