package dev.drrunbooks.incident;

/**
 * A note on the incident's timeline. Its kind marks a phase done: {@code assessment} (impact scope
 * known), {@code communication} (status page, stakeholders, channel), {@code recovery} (a manual
 * action: scaled resources, an emergency patch); {@code note} (default) marks nothing.
 */
public record IncidentNote(String who, String text, String kind) {
  public static final java.util.List<String> KINDS =
      java.util.List.of("note", "assessment", "communication", "recovery");
}
