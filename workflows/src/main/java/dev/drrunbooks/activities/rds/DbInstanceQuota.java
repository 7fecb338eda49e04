package dev.drrunbooks.activities.rds;

/**
 * The account's "DB instances" quota in one region, as DescribeAccountAttributes answers it
 * (AccountQuotaName {@code DBInstances}: Used and Max;
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeAccountAttributes.html,
 * default 40 per region: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html).
 * Every restore creates a DB instance, so a region with no headroom refuses restores
 * (InstanceQuotaExceeded).
 *
 * @param region the AWS region
 * @param max instances the account may have in the region
 * @param used instances it has now
 */
public record DbInstanceQuota(String region, long max, long used) {

  /** Instances that may still be created in the region now: {@code max - used}, at least 0. */
  public long headroom() {
    return Math.max(0, max - used);
  }

  /** For reports: {@code "eu-west-1: 38 of 40 DB instances used"}. */
  public String describe() {
    return region + ": " + used + " of " + max + " DB instances used";
  }
}
