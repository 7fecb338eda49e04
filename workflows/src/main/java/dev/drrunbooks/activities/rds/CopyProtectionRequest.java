package dev.drrunbooks.activities.rds;

import dev.drrunbooks.model.Ownership;

/**
 * After a restored copy passed validation: give it the source's protections ({@code keep}: the copy
 * is the recovery) or make sure nothing stops its deletion (a validation copy).
 *
 * @param sourceInstanceId the instance restored from (the snapshot's instance for a snapshot
 *     restore); null when unknown, then the differences say the source settings are unknown
 * @param sourceRegion where the source instance is (the primary region for a restore in the DR
 *     region); null: the copy's region
 * @param keep true for a kept copy (deletion protection and backup retention as the source), false
 *     for a validation copy (deletion protection off, so the run's cleanup can delete it)
 */
public record CopyProtectionRequest(
    String region,
    String instanceId,
    String sourceInstanceId,
    String sourceRegion,
    boolean keep,
    Ownership owner) {

  /** A copy in its source's region. */
  public CopyProtectionRequest(
      String region, String instanceId, String sourceInstanceId, boolean keep, Ownership owner) {
    this(region, instanceId, sourceInstanceId, null, keep, owner);
  }
}
