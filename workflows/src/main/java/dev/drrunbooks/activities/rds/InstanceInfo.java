package dev.drrunbooks.activities.rds;

import java.time.Instant;
import java.util.Map;

/**
 * An RDS instance as described: status, endpoint (null until RDS assigns one) and tags.
 *
 * @param instanceClass its DBInstanceClass, e.g. db.r6g.large; null where not described (results
 *     recorded before it was kept)
 * @param allocatedStorageGib its AllocatedStorage in GiB; null where not described
 * @param restoreAnsweredAt when RDS answered the restore call that began provisioning it (the
 *     worker's clock): the wait for it counts its cadence from here. Null in describes, when the
 *     restore found the instance already created by an earlier attempt, and in results recorded
 *     before it was kept.
 */
public record InstanceInfo(
    String instanceId,
    String region,
    String arn,
    String status,
    String endpointAddress,
    Integer port,
    Map<String, String> tags,
    String instanceClass,
    Integer allocatedStorageGib,
    Instant restoreAnsweredAt) {

  public InstanceInfo {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  /** As described, not as a restore answered it. */
  public InstanceInfo(
      String instanceId,
      String region,
      String arn,
      String status,
      String endpointAddress,
      Integer port,
      Map<String, String> tags,
      String instanceClass,
      Integer allocatedStorageGib) {
    this(
        instanceId,
        region,
        arn,
        status,
        endpointAddress,
        port,
        tags,
        instanceClass,
        allocatedStorageGib,
        null);
  }

  /** Without its class and storage (fakes, and results recorded before they were kept). */
  public InstanceInfo(
      String instanceId,
      String region,
      String arn,
      String status,
      String endpointAddress,
      Integer port,
      Map<String, String> tags) {
    this(instanceId, region, arn, status, endpointAddress, port, tags, null, null);
  }

  /** This instance as the restore call that began provisioning it answered at {@code at}. */
  public InstanceInfo answeredAt(Instant at) {
    return new InstanceInfo(
        instanceId,
        region,
        arn,
        status,
        endpointAddress,
        port,
        tags,
        instanceClass,
        allocatedStorageGib,
        at);
  }
}
