package dev.drrunbooks.activities.rds;

import java.time.Instant;

/**
 * Which source a point-in-time restore of {@code instanceId} can use in {@code region}.
 *
 * @param region where the restore is to run: the instance's own region, or one its backups are
 *     replicated to
 * @param instanceId the source instance's name, as the catalog has it (it may since have been
 *     deleted)
 * @param sourceRegion the instance's own region; when it differs from {@code region}, only
 *     automated backups replicated from it to {@code region} are sources
 * @param restoreTime the point asked for, null for the latest: among several backups of the name,
 *     one whose window holds it is chosen
 */
public record RestoreSourceQuery(
    String region, String instanceId, String sourceRegion, Instant restoreTime) {

  public boolean crossRegion() {
    return sourceRegion != null && !sourceRegion.equals(region);
  }
}
