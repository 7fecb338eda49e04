package dev.drrunbooks.incident;

/**
 * What one incident update does, as a row of {@link IncidentUpdates} runs it (the update and its
 * signal twin alike): first {@link #validate}, which rejects the payload before anything is written
 * to history, then {@link #apply}. Workflow code only.
 *
 * @param <T> the update's payload, e.g. {@link Acknowledgement}
 */
interface UpdateHandler<T> {
  /**
   * Refuses a payload the incident cannot take now; called only while the incident is open.
   *
   * @throws IllegalArgumentException whose message starts with the field at fault
   */
  void validate(T payload);

  /**
   * Applies a validated payload.
   *
   * @return what the update answers; null answers the incident's status after the change (its
   *     deadlines and phase moved first)
   */
  Object apply(T payload);
}
