package dev.drrunbooks.aws.rds;

/**
 * Whether the source RDS names for a read replica (ReadReplicaSourceDBInstanceIdentifier) is a
 * given instance. RDS reports a cross-region replica's source as its ARN and a same-region
 * replica's as its bare identifier
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstance.html), so both forms
 * are compared as (region, identifier), and as whole ARNs (with the account) when both are ARNs.
 */
final class ReplicaSources {
  private ReplicaSources() {}

  /**
   * @param reported as RDS reports it; null (not a replica) is never the same
   * @param expected an ARN ({@code arn:aws:rds:REGION:ACCOUNT:db:ID}) or a bare identifier
   * @param replicaRegion the replica's region: where a bare identifier lives
   */
  static boolean same(String reported, String expected, String replicaRegion) {
    if (reported == null || expected == null) return false;
    if (reported.equals(expected)) return true;
    if (isArn(reported) && isArn(expected)) return false;
    return regionOf(reported, replicaRegion).equals(regionOf(expected, replicaRegion))
        && idOf(reported).equals(idOf(expected));
  }

  private static boolean isArn(String s) {
    return s.startsWith("arn:");
  }

  /** arn:PARTITION:rds:REGION:ACCOUNT:db:ID -> REGION; a bare identifier is in the replica's. */
  private static String regionOf(String s, String replicaRegion) {
    if (!isArn(s)) return replicaRegion;
    String[] parts = s.split(":", 7);
    return parts.length == 7 ? parts[3] : "";
  }

  private static String idOf(String s) {
    if (!isArn(s)) return s;
    String[] parts = s.split(":", 7);
    return parts.length == 7 && "db".equals(parts[5]) ? parts[6] : s;
  }
}
