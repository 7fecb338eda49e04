package dev.drrunbooks.fleet;

import dev.drrunbooks.activities.rds.DbInstanceQuota;
import dev.drrunbooks.activities.rds.RdsAccountActivities;
import io.temporal.failure.ApplicationFailure;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The account's DB-instance quota per region as the test sets it: AWS's default (40, none used)
 * unless told otherwise; or a refusal, as an account without rds:DescribeAccountAttributes gets.
 */
final class FakeRdsAccount implements RdsAccountActivities {
  final Map<String, DbInstanceQuota> quotas = new HashMap<>();
  final List<String> asked = new CopyOnWriteArrayList<>();
  boolean reportsNone;
  boolean denied;

  @Override
  public DbInstanceQuota dbInstanceQuota(String region) {
    asked.add(region);
    if (denied)
      throw ApplicationFailure.newNonRetryableFailure(
          "reading the DB-instance quota in "
              + region
              + " failed: AccessDenied: not authorized to perform rds:DescribeAccountAttributes",
          "AwsAccessDenied");
    if (reportsNone) return null;
    return quotas.getOrDefault(region, new DbInstanceQuota(region, 40, 0));
  }
}
