package dev.drrunbooks.activities.rds;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.drrunbooks.model.Ownership;
import java.time.Instant;

/**
 * restore-db-instance-to-point-in-time: source, target id (derived from the workflow id), the exact
 * point.
 *
 * @param source where the restore comes from ({@link RdsRestoreActivities#findRestoreSource}); null
 *     (runs recorded before it existed) is the live instance {@code sourceInstanceId} in {@code
 *     region}
 */
public record PointInTimeRestoreRequest(
    String region,
    String sourceInstanceId,
    String targetInstanceId,
    Instant restoreTime,
    InstanceShape shape,
    Ownership owner,
    RestoreSource source) {

  /** From the live instance {@code sourceInstanceId} in {@code region}. */
  public PointInTimeRestoreRequest(
      String region,
      String sourceInstanceId,
      String targetInstanceId,
      Instant restoreTime,
      InstanceShape shape,
      Ownership owner) {
    this(region, sourceInstanceId, targetInstanceId, restoreTime, shape, owner, null);
  }

  @JsonCreator
  public PointInTimeRestoreRequest {}
}
