package dev.drrunbooks.aws.rds;

import dev.drrunbooks.activities.rds.DbInstanceQuota;
import dev.drrunbooks.activities.rds.RdsAccountActivities;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.AwsFailures;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.AccountQuota;

/**
 * Reads the "DB instances" quota with DescribeAccountAttributes: the answer lists every RDS quota
 * of the account in the region as AccountQuotaName, Used and Max; the one for instances is named
 * {@value #DB_INSTANCES}
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeAccountAttributes.html,
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_AccountQuota.html).
 */
public class RdsAccountActivitiesImpl implements RdsAccountActivities {
  static final String DB_INSTANCES = "DBInstances";

  private final Function<String, RdsClient> rds;

  public RdsAccountActivitiesImpl(AwsClients aws) {
    this(aws::rds);
  }

  /**
   * @param rds the RDS client of a region (tests pass a scripted one)
   */
  public RdsAccountActivitiesImpl(Function<String, RdsClient> rds) {
    this.rds = rds;
  }

  @Override
  public DbInstanceQuota dbInstanceQuota(String region) {
    try {
      return rds.apply(region).describeAccountAttributes().accountQuotas().stream()
          .filter(q -> DB_INSTANCES.equals(q.accountQuotaName()))
          .findFirst()
          .map((AccountQuota q) -> new DbInstanceQuota(region, q.max(), q.used()))
          .orElse(null);
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "reading the DB-instance quota in " + region);
    }
  }
}
