package dev.drrunbooks.activities.rds;

import java.util.List;
import java.util.Map;

/**
 * Where an RDS instance lives, as DescribeDBInstances reports it.
 *
 * @param subnetGroup its DBSubnetGroup's name
 * @param securityGroupIds its VPC security groups' ids
 * @param kmsKeyId the ARN of the KMS key its storage is encrypted with; null when unencrypted
 * @param instanceClass its DBInstanceClass, e.g. db.r6g.large
 * @param tags its own tags (cost, ownership: {@code service}, {@code environment}...), without
 *     AWS's ({@code aws:}) and dr-runbooks' (run ownership, kept, promotion marks): what an
 *     instance taking its place keeps; empty when none
 */
public record Placement(
    String subnetGroup,
    List<String> securityGroupIds,
    String kmsKeyId,
    String instanceClass,
    Map<String, String> tags) {

  public Placement {
    securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(securityGroupIds);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  public Placement(
      String subnetGroup, List<String> securityGroupIds, String kmsKeyId, String instanceClass) {
    this(subnetGroup, securityGroupIds, kmsKeyId, instanceClass, Map.of());
  }
}
