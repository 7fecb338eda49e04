package dev.drrunbooks.ops;

import java.util.List;

/** Whether a process can do its work; /readyz answers 503 with the reason when it cannot. */
@FunctionalInterface
public interface Readiness {
  /** Null when ready, else one line saying why not (no secrets: it is served unauthenticated). */
  String notReadyReason();

  /** Ready when every check is; the first reason otherwise. */
  static Readiness all(List<Readiness> checks) {
    return () -> {
      for (Readiness r : checks) {
        String reason = r.notReadyReason();
        if (reason != null) return reason;
      }
      return null;
    };
  }
}
