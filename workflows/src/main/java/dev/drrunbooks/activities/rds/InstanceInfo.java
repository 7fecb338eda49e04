package dev.drrunbooks.activities.rds;

import java.util.Map;

/**
 * An RDS instance as described: status, endpoint (null until RDS assigns one) and tags.
 *
 * @param instanceClass its DBInstanceClass, e.g. db.r6g.large; null where not described (results
 *     recorded before it was kept)
 * @param allocatedStorageGib its AllocatedStorage in GiB; null where not described
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
    Integer allocatedStorageGib) {

  public InstanceInfo {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
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
}
