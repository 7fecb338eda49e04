package dev.drrunbooks.activities.rds;

import java.util.Map;

/** An RDS instance as described: status, endpoint (null until RDS assigns one) and tags. */
public record InstanceInfo(
    String instanceId,
    String region,
    String arn,
    String status,
    String endpointAddress,
    Integer port,
    Map<String, String> tags) {

  public InstanceInfo {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }
}
