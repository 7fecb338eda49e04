package dev.drrunbooks.activities.rds;

import dev.drrunbooks.model.Ownership;
import java.util.List;

/**
 * CreateDBCluster of an Aurora global database's secondary cluster {@code clusterId} in {@code
 * region}, joined to {@code globalClusterId}
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-attaching.html,
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html). Engine and
 * engine version are the global cluster's, read by the activity.
 *
 * @param subnetGroup the DB subnet group in {@code region} (the catalog's drRestore.subnetGroup):
 *     required
 * @param securityGroupIds VPC security groups in {@code region} (drRestore.securityGroupIds)
 * @param kmsKeyId a KMS key of {@code region} (database.backup.drReplication.kmsKeyId): sent only
 *     when the global cluster is encrypted, and then required (a key belongs to one region); null
 *     when the catalog gives none
 * @param owner the run creating it: the cluster carries its tags and {@link Ownership#KEPT_TAG}
 */
public record SecondaryClusterRequest(
    String region,
    String clusterId,
    String globalClusterId,
    String subnetGroup,
    List<String> securityGroupIds,
    String kmsKeyId,
    Ownership owner) {

  public SecondaryClusterRequest {
    securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(securityGroupIds);
  }
}
