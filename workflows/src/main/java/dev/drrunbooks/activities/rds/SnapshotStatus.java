package dev.drrunbooks.activities.rds;

import java.util.Set;

/**
 * A DB snapshot's {@code Status} (DescribeDBSnapshots) as a restore sees it:
 * RestoreDBInstanceFromDBSnapshot needs an {@value #AVAILABLE} snapshot and answers
 * InvalidDBSnapshotState otherwise
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceFromDBSnapshot.html).
 */
public final class SnapshotStatus {
  public static final String AVAILABLE = "available";

  /** States a snapshot leaves for "available" by itself: being created or copied. */
  private static final Set<String> IN_PROGRESS = Set.of("creating", "copying");

  private SnapshotStatus() {}

  public static boolean available(String status) {
    return AVAILABLE.equals(status);
  }

  /**
   * Worth waiting for (within the run's budget); anything else but available is refused at once.
   */
  public static boolean inProgress(String status) {
    return status != null && IN_PROGRESS.contains(status);
  }
}
