package dev.drrunbooks.activities.rds;

import java.time.Instant;

/**
 * The span an instance can be restored to: from the oldest retained backup to the latest restorable
 * time.
 */
public record RestorableWindow(Instant earliest, Instant latest) {

  public boolean contains(Instant t) {
    return !t.isBefore(earliest) && !t.isAfter(latest);
  }
}
