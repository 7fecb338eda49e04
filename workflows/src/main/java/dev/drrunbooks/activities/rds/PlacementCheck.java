package dev.drrunbooks.activities.rds;

/**
 * What {@link RdsRestoreActivities#verifyPlacement} compares a restored instance with: the shape
 * the run asked for ({@code requested}, catalog and run overrides), the rest as the source instance
 * is now.
 *
 * @param sourceInstanceId the instance restored from (a snapshot's instance); when it no longer
 *     exists in {@code region}, {@code requested} alone is the intent
 */
public record PlacementCheck(
    String region, String instanceId, String sourceInstanceId, InstanceShape requested) {}
