package dev.drrunbooks.activities.rds;

import java.time.Instant;

/**
 * What {@link RdsStandbyActivities#promoteReplica} did.
 *
 * @param outcome {@link #PROMOTING} (RDS accepted PromoteReadReplica now), {@link
 *     #ALREADY_PROMOTED} (an earlier attempt's promotion has finished) or {@link #UNDER_WAY} (an
 *     earlier attempt's promotion is still running: RDS refused a second one)
 * @param formerSource the source it was promoted from, as RDS reported it (an ARN cross-region)
 * @param status DBInstanceStatus as last seen
 * @param answeredAt when RDS accepted the promotion (worker clock); null unless {@link #PROMOTING}
 */
public record Promotion(
    String instanceId,
    String region,
    String outcome,
    String formerSource,
    String status,
    Instant answeredAt) {
  public static final String PROMOTING = "promoting";
  public static final String ALREADY_PROMOTED = "already promoted";
  public static final String UNDER_WAY = "promotion under way";
}
