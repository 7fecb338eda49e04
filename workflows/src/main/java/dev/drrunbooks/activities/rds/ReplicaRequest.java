package dev.drrunbooks.activities.rds;

import dev.drrunbooks.model.Ownership;
import java.util.List;
import java.util.Map;

/**
 * CreateDBInstanceReadReplica of {@code sourceInstanceId} (in {@code sourceRegion}) as {@code
 * instanceId} in {@code region}, the standby region
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.XRgn.html).
 *
 * @param kmsKeyId the KMS key in {@code region} (ARN, id or alias) the replica is encrypted with:
 *     required when the source is encrypted and in another region (a KMS key belongs to one
 *     region); null for an unencrypted source
 * @param subnetGroup the DB subnet group in {@code region} (the catalog's drRestore.subnetGroup):
 *     required, since a cross-region replica without one would be placed outside the application's
 *     VPC
 * @param securityGroupIds VPC security groups in {@code region} (drRestore.securityGroupIds);
 *     empty: the VPC's default security group, so the catalog should name them
 * @param instanceClass the replica's DBInstanceClass; null: the source's
 * @param owner the run creating it: the replica carries its tags
 * @param tags tags the replica carries besides the ownership ones (the old primary's own, for the
 *     reverse replica that takes its name); empty when none; an ownership tag of the same key wins
 */
public record ReplicaRequest(
    String region,
    String instanceId,
    String sourceRegion,
    String sourceInstanceId,
    String kmsKeyId,
    String subnetGroup,
    List<String> securityGroupIds,
    String instanceClass,
    Ownership owner,
    Map<String, String> tags) {

  public ReplicaRequest {
    securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(securityGroupIds);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  public ReplicaRequest(
      String region,
      String instanceId,
      String sourceRegion,
      String sourceInstanceId,
      String kmsKeyId,
      String subnetGroup,
      List<String> securityGroupIds,
      String instanceClass,
      Ownership owner) {
    this(
        region,
        instanceId,
        sourceRegion,
        sourceInstanceId,
        kmsKeyId,
        subnetGroup,
        securityGroupIds,
        instanceClass,
        owner,
        Map.of());
  }
}
