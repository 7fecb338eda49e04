package dev.drrunbooks.incident;

/**
 * The checks update validators share. Each throws IllegalArgumentException, which rejects the
 * update before it is written to history; the message starts with the field at fault.
 */
final class UpdateChecks {
  private UpdateChecks() {}

  /**
   * @param state null while the run is still reading its input
   */
  static void requireOpen(IncidentState state) {
    if (state == null || !state.opened) {
      throw new IllegalArgumentException(
          "the incident is still opening (reading its services from the catalog); "
              + "try again in a moment");
    }
    if (state.resolved()) {
      throw new IllegalArgumentException(
          "the incident is resolved (by " + state.resolution.who() + "); open a new one");
    }
  }

  static void requireWho(String who, String hint) {
    if (who == null || who.isBlank()) throw new IllegalArgumentException("who: " + hint);
  }

  static void requireWhoWhy(String who, String why, String whyHint) {
    requireWho(who, "say who you are");
    if (why == null || why.isBlank()) throw new IllegalArgumentException("why: " + whyHint);
  }

  static void requireAcknowledged(IncidentState state, String what) {
    if (state.acknowledgedBy == null) {
      throw new IllegalArgumentException(
          "the incident is not acknowledged yet: acknowledge it before you " + what);
    }
  }

  /**
   * @return the service key, trimmed
   */
  static String requireService(IncidentState state, String field, String service) {
    if (service == null || !state.services.contains(service.trim())) {
      throw new IllegalArgumentException(
          field
              + ": '"
              + service
              + "' is not affected by this incident; affected: "
              + String.join(", ", state.services));
    }
    return service.trim();
  }
}
