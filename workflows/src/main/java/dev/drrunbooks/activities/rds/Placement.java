package dev.drrunbooks.activities.rds;

import java.util.List;

/**
 * Where an RDS instance lives, as DescribeDBInstances reports it.
 *
 * @param subnetGroup its DBSubnetGroup's name
 * @param securityGroupIds its VPC security groups' ids
 * @param kmsKeyId the ARN of the KMS key its storage is encrypted with; null when unencrypted
 * @param instanceClass its DBInstanceClass, e.g. db.r6g.large
 */
public record Placement(
    String subnetGroup, List<String> securityGroupIds, String kmsKeyId, String instanceClass) {

  public Placement {
    securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(securityGroupIds);
  }
}
