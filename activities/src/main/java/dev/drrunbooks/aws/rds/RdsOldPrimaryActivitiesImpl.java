package dev.drrunbooks.aws.rds;

import dev.drrunbooks.activities.rds.Placement;
import dev.drrunbooks.activities.rds.RdsOldPrimaryActivities;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.AwsFailures;
import dev.drrunbooks.model.Ownership;
import dev.drrunbooks.model.Polls;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/** {@link RdsOldPrimaryActivities} with the AWS SDK. */
public class RdsOldPrimaryActivitiesImpl implements RdsOldPrimaryActivities {
  private static final Logger log = LoggerFactory.getLogger(RdsOldPrimaryActivitiesImpl.class);

  /** The failure type of every refusal: nothing was changed. */
  public static final String REFUSED = "OldPrimaryRefused";

  /** Tagged on the old primary before its deletion: which instance replaced it. */
  public static final String REPLACED_BY = "dr-runbooks:replaced-by";

  private final RdsSupport rds;
  private final Clock clock;

  public RdsOldPrimaryActivitiesImpl(AwsClients aws) {
    this(aws::rds, Clock.systemUTC());
  }

  /**
   * @param rds the RDS client of a region (tests pass a scripted one)
   * @param clock what the deletion wait's deadline is compared with
   */
  public RdsOldPrimaryActivitiesImpl(Function<String, RdsClient> rds, Clock clock) {
    this.rds = new RdsSupport(rds);
    this.clock = clock;
  }

  @Override
  public Placement placementOf(String region, String instanceId) {
    return rds.findInstance(region, instanceId)
        .map(
            db ->
                new Placement(
                    db.dbSubnetGroup() == null ? null : db.dbSubnetGroup().dbSubnetGroupName(),
                    db.hasVpcSecurityGroups()
                        ? db.vpcSecurityGroups().stream()
                            .map(VpcSecurityGroupMembership::vpcSecurityGroupId)
                            .toList()
                        : List.of(),
                    Boolean.TRUE.equals(db.storageEncrypted()) ? db.kmsKeyId() : null,
                    db.dbInstanceClass(),
                    ownTags(rds.tags(region, db))))
        .orElse(null);
  }

  /** An instance's own tags: not AWS's ({@code aws:}) nor dr-runbooks' (ownership, marks). */
  static Map<String, String> ownTags(Map<String, String> tags) {
    Map<String, String> own = new java.util.LinkedHashMap<>();
    tags.forEach(
        (k, v) -> {
          if (!k.startsWith("aws:")
              && !k.startsWith("dr-runbooks:")
              && !k.equals(Ownership.CREATED_BY_TAG)) own.put(k, v);
        });
    return own;
  }

  @Override
  public String deleteReplacedPrimary(
      String region,
      String instanceId,
      String expectedArn,
      String replacedByArn,
      String finalSnapshotId) {
    Optional<DBInstance> found = rds.findInstance(region, instanceId);
    if (found.isEmpty()) return "already gone";
    DBInstance db = found.get();
    String what = "RDS instance " + instanceId + " in " + region;
    if (!expectedArn.equals(db.dbInstanceArn()))
      throw refused(what + " is " + db.dbInstanceArn() + ", not the catalog's " + expectedArn);
    if (db.readReplicaSourceDBInstanceIdentifier() != null)
      throw refused(
          what
              + " is a read replica of "
              + db.readReplicaSourceDBInstanceIdentifier()
              + ": not the old primary");
    if (db.hasReadReplicaDBInstanceIdentifiers()
        && !db.readReplicaDBInstanceIdentifiers().isEmpty())
      throw refused(
          what
              + " still has read replicas "
              + db.readReplicaDBInstanceIdentifiers()
              + ": something still replicates from it");
    if (Boolean.TRUE.equals(db.deletionProtection()))
      throw refused(
          what
              + " has deletion protection on: turning it off is a person's decision"
              + " (ModifyDBInstance --no-deletion-protection); start the replicate-back again after"
              + " that");
    if ("deleting".equals(db.dbInstanceStatus())) {
      // A retry after a lost response finds its own deletion under way, tagged before it began.
      if (replacedByArn.equals(rds.tags(region, db).get(REPLACED_BY)))
        return deleting(finalSnapshotId);
      throw refused(what + " is already being deleted, not by a replicate-back");
    }
    try {
      rds.client(region)
          .addTagsToResource(
              r ->
                  r.resourceName(db.dbInstanceArn())
                      .tags(t -> t.key(REPLACED_BY).value(replacedByArn)));
      rds.client(region)
          .deleteDBInstance(
              r ->
                  r.dbInstanceIdentifier(instanceId)
                      .skipFinalSnapshot(false)
                      .finalDBSnapshotIdentifier(finalSnapshotId)
                      .deleteAutomatedBackups(false));
    } catch (DbInstanceNotFoundException e) {
      return "already gone";
    } catch (SdkException e) {
      throw AwsFailures.translate(e, "delete-db-instance " + instanceId + " in " + region);
    }
    log.info(
        "deleting the old primary {} in {} (replaced by {}; final snapshot {})",
        instanceId,
        region,
        replacedByArn,
        finalSnapshotId);
    return deleting(finalSnapshotId);
  }

  /** A deletion with a final snapshot takes minutes: one describe every 30 s is plenty. */
  static final Duration DELETE_POLL = Duration.ofSeconds(30);

  @Override
  public String pollDeleted(String region, String instanceId, Instant deadline) {
    Optional<DBInstance> found = rds.findInstance(region, instanceId);
    if (found.isEmpty()) return "gone";
    String status = found.get().dbInstanceStatus();
    if (!clock.instant().isBefore(deadline))
      throw ApplicationFailure.newNonRetryableFailure(
          "RDS instance "
              + instanceId
              + " in "
              + region
              + " is still '"
              + status
              + "' at the deadline "
              + deadline,
          "WaitDeadlineExceeded");
    throw ApplicationFailure.newBuilder()
        .setType(Polls.NOT_YET)
        .setMessage(
            "RDS instance "
                + instanceId
                + " in "
                + region
                + " is '"
                + status
                + "'; next poll in "
                + DELETE_POLL)
        .setNextRetryDelay(DELETE_POLL)
        .setCategory(ApplicationErrorCategory.BENIGN)
        .build();
  }

  private static String deleting(String finalSnapshotId) {
    return "deleting (final snapshot " + finalSnapshotId + "; automated backups retained)";
  }

  private static ApplicationFailure refused(String why) {
    return ApplicationFailure.newNonRetryableFailure(why + ". Nothing was changed.", REFUSED);
  }
}
