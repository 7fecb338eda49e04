package dev.drrunbooks.incident;

import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.Timeline;

/**
 * The note update: a line on the timeline whose kind may mark phases done (assessment,
 * communication; recovery marks assessment too, as a manual recovery implies one).
 */
final class NoteHandler implements UpdateHandler<IncidentNote> {
  private final IncidentState state;

  NoteHandler(IncidentState state) {
    this.state = state;
  }

  @Override
  public void validate(IncidentNote note) {
    UpdateChecks.requireWho(note == null ? null : note.who(), "say who writes the note");
    if (note.text() == null || note.text().isBlank())
      throw new IllegalArgumentException("text: the note is empty");
    if (!IncidentNote.KINDS.contains(kindOf(note))) {
      throw new IllegalArgumentException(
          "kind: '"
              + note.kind()
              + "' is not valid; allowed: "
              + String.join(", ", IncidentNote.KINDS));
    }
  }

  @Override
  public Object apply(IncidentNote note) {
    String kind = kindOf(note);
    switch (kind) {
      case "assessment" -> state.markDone(IncidentPhase.ASSESSMENT, note.who(), Timeline.now());
      case "communication" ->
          state.markDone(IncidentPhase.COMMUNICATION, note.who(), Timeline.now());
      case "recovery" -> {
        state.markDone(IncidentPhase.ASSESSMENT, note.who(), Timeline.now());
        state.markDone(IncidentPhase.RECOVERY, note.who(), Timeline.now());
      }
      default -> {}
    }
    state.notes.add(kind + " by " + note.who() + ": " + note.text());
    state
        .timeline()
        .record(kind + " by " + note.who(), Timeline.now(), Outcome.SUCCEEDED, note.text());
    return null;
  }

  /** Blank means {@code note}; case and blanks around it do not matter. */
  static String kindOf(IncidentNote note) {
    return note.kind() == null || note.kind().isBlank() ? "note" : note.kind().trim().toLowerCase();
  }
}
