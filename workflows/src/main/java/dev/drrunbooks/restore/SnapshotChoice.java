package dev.drrunbooks.restore;

import dev.drrunbooks.activities.rds.SnapshotInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which snapshot to restore. The runbook's {@code DBSnapshots[0]} is whatever RDS lists first, not
 * the newest: here only available snapshots count, ordered by creation time.
 */
public final class SnapshotChoice {
  private SnapshotChoice() {}

  public static Optional<SnapshotInfo> newest(List<SnapshotInfo> snapshots) {
    return usable(snapshots)
        .max(Comparator.comparing(SnapshotInfo::createdAt).thenComparing(SnapshotInfo::snapshotId));
  }

  /**
   * One of the available snapshots created within {@code window} before {@code now}, chosen by
   * {@code pick} in [0, 1) (from Workflow.newRandom() in workflows, so a replay picks the same
   * one).
   */
  public static Optional<SnapshotInfo> randomRecent(
      List<SnapshotInfo> snapshots, Instant now, Duration window, double pick) {
    List<SnapshotInfo> recent =
        usable(snapshots)
            .filter(s -> !s.createdAt().isBefore(now.minus(window)))
            .sorted(
                Comparator.comparing(SnapshotInfo::createdAt)
                    .thenComparing(SnapshotInfo::snapshotId))
            .toList();
    if (recent.isEmpty()) return Optional.empty();
    return Optional.of(recent.get(Math.min(recent.size() - 1, (int) (pick * recent.size()))));
  }

  private static java.util.stream.Stream<SnapshotInfo> usable(List<SnapshotInfo> snapshots) {
    return snapshots.stream().filter(s -> "available".equals(s.status()) && s.createdAt() != null);
  }
}
