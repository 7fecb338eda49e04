package dev.drrunbooks.aws.rds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.DbInstanceQuota;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.SandboxAws;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.AccountQuota;
import software.amazon.awssdk.services.rds.model.DescribeAccountAttributesRequest;
import software.amazon.awssdk.services.rds.model.DescribeAccountAttributesResponse;

/**
 * The DB-instance quota read through the SDK: against the sandbox's emulator (its
 * DescribeAccountAttributes counts the region's instances against AWS's default of 40), and from an
 * answer shaped as AWS documents it, with other quotas beside it.
 */
class RdsAccountActivitiesSandboxTest {
  private static final String REGION = "eu-west-1";
  private AwsClients aws;

  @BeforeEach
  void clients() {
    aws = SandboxAws.clients();
  }

  @AfterEach
  void close() {
    aws.close();
  }

  @Test
  void theEmulatorCountsTheRegionsInstancesAgainstTheQuota() {
    DbInstanceQuota quota = new RdsAccountActivitiesImpl(aws).dbInstanceQuota(REGION);

    assertNotNull(quota);
    assertEquals(REGION, quota.region());
    assertTrue(quota.max() >= 40, quota.describe());
    // Other tests create and delete instances meanwhile: the seeded ones are there at least.
    assertTrue(quota.used() >= 4, quota.describe());
    assertEquals(quota.max() - quota.used(), quota.headroom());
  }

  @Test
  void theDbInstancesQuotaIsPickedAmongTheOthers() {
    RdsClient scripted =
        answering(
            DescribeAccountAttributesResponse.builder()
                .accountQuotas(
                    quota("AllocatedStorage", 100_000, 300),
                    quota("DBInstances", 40, 37),
                    quota("ManualSnapshots", 100, 12))
                .build());

    DbInstanceQuota q = new RdsAccountActivitiesImpl(r -> scripted).dbInstanceQuota(REGION);

    assertEquals(new DbInstanceQuota(REGION, 40, 37), q);
    assertEquals(3, q.headroom());
    assertEquals("eu-west-1: 37 of 40 DB instances used", q.describe());
  }

  @Test
  void noDbInstancesQuotaInTheAnswerIsNone() {
    RdsClient scripted =
        answering(
            DescribeAccountAttributesResponse.builder()
                .accountQuotas(List.of(quota("ManualSnapshots", 100, 12)))
                .build());

    assertNull(new RdsAccountActivitiesImpl(r -> scripted).dbInstanceQuota(REGION));
  }

  @Test
  void headroomIsNeverNegative() {
    assertEquals(0, new DbInstanceQuota(REGION, 40, 45).headroom());
  }

  private static AccountQuota quota(String name, long max, long used) {
    return AccountQuota.builder().accountQuotaName(name).max(max).used(used).build();
  }

  /** An RDS client whose DescribeAccountAttributes gives {@code answer}; nothing else works. */
  private static RdsClient answering(DescribeAccountAttributesResponse answer) {
    return new RdsClient() {
      @Override
      public DescribeAccountAttributesResponse describeAccountAttributes(
          DescribeAccountAttributesRequest request) {
        return answer;
      }

      @Override
      public String serviceName() {
        return "rds";
      }

      @Override
      public void close() {}
    };
  }
}
