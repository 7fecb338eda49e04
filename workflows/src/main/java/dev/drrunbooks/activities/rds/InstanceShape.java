package dev.drrunbooks.activities.rds;

import java.util.List;

/** Where and how big a restored instance is; every field optional (null keeps RDS's default or the source's). */
public record InstanceShape(String instanceClass, String subnetGroup, List<String> securityGroupIds) {

  public static InstanceShape asSource() {
    return new InstanceShape(null, null, List.of());
  }

  public InstanceShape {
    securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(securityGroupIds);
  }
}
