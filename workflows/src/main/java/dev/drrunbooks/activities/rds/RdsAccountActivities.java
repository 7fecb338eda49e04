package dev.drrunbooks.activities.rds;

import io.temporal.activity.ActivityInterface;

/** The account's RDS quotas, read before a fleet decides how many restores a region can take. */
@ActivityInterface(namePrefix = "RdsAccount")
public interface RdsAccountActivities {

  /**
   * The "DB instances" quota of the calling account in {@code region} (DescribeAccountAttributes).
   *
   * @return the quota, or null when the region's RDS does not report one (the caller then relies on
   *     its own limits)
   */
  DbInstanceQuota dbInstanceQuota(String region);
}
