package dev.drrunbooks.aws.rds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.Placement;
import dev.drrunbooks.aws.ScriptedSdkClient;
import dev.drrunbooks.model.Polls;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.rds.model.AddTagsToResourceResponse;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbInstanceResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;

/**
 * The old primary's deletion refuses everything but the catalog's primary, free of replicas and of
 * deletion protection, and keeps a final snapshot and the automated backups. RDS as documented
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBInstance.html): a deleted
 * instance is "deleting" for minutes, and DeleteDBInstance of an instance with deletion protection
 * is refused (InvalidParameterCombination) — checked here before the call, for a clear message.
 */
class RdsOldPrimaryActivitiesTest {
  private static final String REGION = "eu-west-1";
  private static final String OLD = "mycomputer-payments-db";
  private static final String OLD_ARN = "arn:aws:rds:eu-west-1:123456789012:db:" + OLD;
  private static final String NEW_ARN =
      "arn:aws:rds:eu-central-1:123456789012:db:mycomputer-payments-db-replica";
  private static final String SNAPSHOT = "mycomputer-payments-db-final-20261203";

  /** One instance as RDS describes it; every call recorded. */
  private static final class OneInstance {
    DBInstance db;
    final Map<String, String> tags = new LinkedHashMap<>();
    final List<Object> calls = new CopyOnWriteArrayList<>();

    OneInstance(DBInstance db) {
      this.db = db;
    }

    RdsClient client() {
      return ScriptedSdkClient.of(
          RdsClient.class,
          "rds",
          (proxy, method, args) -> {
            Object request = args == null || args.length == 0 ? null : args[0];
            if (request instanceof DescribeDbInstancesRequest) {
              if (db == null) throw DbInstanceNotFoundException.builder().message("gone").build();
              return DescribeDbInstancesResponse.builder()
                  .dbInstances(db.toBuilder().tagList(RdsTags.toTags(tags)).build())
                  .build();
            }
            if (request instanceof AddTagsToResourceRequest r) {
              calls.add(r);
              r.tags().forEach(t -> tags.put(t.key(), t.value()));
              return AddTagsToResourceResponse.builder().build();
            }
            if (request instanceof DeleteDbInstanceRequest r) {
              calls.add(r);
              db = db.toBuilder().dbInstanceStatus("deleting").build();
              return DeleteDbInstanceResponse.builder().dbInstance(db).build();
            }
            return ScriptedSdkClient.NOT_SCRIPTED;
          });
    }
  }

  private static DBInstance.Builder primary() {
    return DBInstance.builder()
        .dbInstanceIdentifier(OLD)
        .dbInstanceArn(OLD_ARN)
        .dbInstanceStatus("available")
        .deletionProtection(false);
  }

  private static String delete(OneInstance rds) {
    return new RdsOldPrimaryActivitiesImpl(region -> rds.client(), Clock.systemUTC())
        .deleteReplacedPrimary(REGION, OLD, OLD_ARN, NEW_ARN, SNAPSHOT);
  }

  private static ApplicationFailure refused(OneInstance rds, String why) {
    ApplicationFailure f = assertThrows(ApplicationFailure.class, () -> delete(rds));
    assertEquals(RdsOldPrimaryActivitiesImpl.REFUSED, f.getType());
    assertTrue(f.isNonRetryable());
    assertTrue(f.getOriginalMessage().contains(why), f.getOriginalMessage());
    assertTrue(f.getOriginalMessage().endsWith("Nothing was changed."), f.getOriginalMessage());
    assertEquals(List.of(), rds.calls, "nothing tagged, nothing deleted");
    return f;
  }

  @Test
  void theOldPrimaryIsTaggedThenDeletedWithAFinalSnapshotAndItsBackupsKept() {
    OneInstance rds = new OneInstance(primary().build());
    assertEquals(
        "deleting (final snapshot " + SNAPSHOT + "; automated backups retained)", delete(rds));
    assertEquals(2, rds.calls.size());
    AddTagsToResourceRequest tag = (AddTagsToResourceRequest) rds.calls.get(0);
    assertEquals(OLD_ARN, tag.resourceName());
    assertEquals(NEW_ARN, rds.tags.get(RdsOldPrimaryActivitiesImpl.REPLACED_BY), "tagged first");
    DeleteDbInstanceRequest deletion = (DeleteDbInstanceRequest) rds.calls.get(1);
    assertEquals(OLD, deletion.dbInstanceIdentifier());
    assertFalse(deletion.skipFinalSnapshot());
    assertEquals(SNAPSHOT, deletion.finalDBSnapshotIdentifier());
    assertFalse(deletion.deleteAutomatedBackups(), "its point-in-time window stays restorable");
  }

  @Test
  void aRetryFindsItsOwnDeletionUnderWayOrTheInstanceGone() {
    OneInstance rds = new OneInstance(primary().build());
    delete(rds);
    rds.calls.clear();
    assertTrue(delete(rds).startsWith("deleting"), "its own deletion, by the replaced-by tag");
    assertEquals(List.of(), rds.calls, "not deleted twice");
    rds.db = null;
    assertEquals("already gone", delete(rds));
  }

  @Test
  void anythingButTheCatalogsReplaceablePrimaryIsRefusedUntouched() {
    refused(
        new OneInstance(
            primary().dbInstanceArn("arn:aws:rds:eu-west-1:999999999999:db:" + OLD).build()),
        "not the catalog's " + OLD_ARN);
    refused(
        new OneInstance(primary().readReplicaSourceDBInstanceIdentifier(NEW_ARN).build()),
        "is a read replica of " + NEW_ARN);
    refused(
        new OneInstance(primary().readReplicaDBInstanceIdentifiers("reporting-replica").build()),
        "still has read replicas [reporting-replica]");
    refused(new OneInstance(primary().deletionProtection(true).build()), "deletion protection on");
    refused(
        new OneInstance(primary().dbInstanceStatus("deleting").build()),
        "already being deleted, not by a replicate-back");
  }

  /**
   * Failing back (dr standby-replicate --failback), the old primary is the catalog's replica in the
   * DR region: promoted by the first failover, so no read replica, but tagged by dr-runbooks as its
   * kept standby. The ARN given is what decides; the kept tag does not shield it, and the same
   * refusals hold.
   */
  @Test
  void failingBackTheDrInstanceIsDeletedAsTheOldPrimaryWithTheSameRefusals() {
    String drRegion = "eu-central-1";
    String dr = "mycomputer-payments-db-replica";
    java.util.function.Supplier<DBInstance.Builder> promoted =
        () ->
            DBInstance.builder()
                .dbInstanceIdentifier(dr)
                .dbInstanceArn(NEW_ARN)
                .dbInstanceStatus("available")
                .deletionProtection(false);
    java.util.function.Function<OneInstance, String> deleteDr =
        rds ->
            new RdsOldPrimaryActivitiesImpl(region -> rds.client(), Clock.systemUTC())
                .deleteReplacedPrimary(drRegion, dr, NEW_ARN, OLD_ARN, dr + "-final-20261203");

    OneInstance rds = new OneInstance(promoted.get().build());
    rds.tags.put("dr-runbooks:kept", "standby");
    rds.tags.put("dr-runbooks:promoted-from", OLD_ARN);
    assertTrue(deleteDr.apply(rds).startsWith("deleting (final snapshot " + dr + "-final-"));
    assertEquals(OLD_ARN, rds.tags.get(RdsOldPrimaryActivitiesImpl.REPLACED_BY));
    DeleteDbInstanceRequest deletion = (DeleteDbInstanceRequest) rds.calls.get(1);
    assertEquals(dr, deletion.dbInstanceIdentifier());
    assertFalse(deletion.skipFinalSnapshot());
    assertFalse(deletion.deleteAutomatedBackups());

    for (DBInstance refusedOne :
        List.of(
            promoted.get().readReplicaSourceDBInstanceIdentifier(OLD_ARN).build(),
            promoted.get().readReplicaDBInstanceIdentifiers(OLD_ARN).build(),
            promoted.get().deletionProtection(true).build(),
            promoted
                .get()
                .dbInstanceArn("arn:aws:rds:eu-central-1:999999999999:db:" + dr)
                .build())) {
      OneInstance other = new OneInstance(refusedOne);
      ApplicationFailure f = assertThrows(ApplicationFailure.class, () -> deleteDr.apply(other));
      assertEquals(RdsOldPrimaryActivitiesImpl.REFUSED, f.getType(), f.getOriginalMessage());
      assertEquals(List.of(), other.calls, "nothing tagged, nothing deleted");
    }
  }

  @Test
  void theWaitForTheDeletionSaysNotYetWhileDeletingThenGoneAndEndsAtItsDeadline() {
    OneInstance rds = new OneInstance(primary().dbInstanceStatus("deleting").build());
    RdsOldPrimaryActivitiesImpl a =
        new RdsOldPrimaryActivitiesImpl(region -> rds.client(), Clock.systemUTC());
    ApplicationFailure notYet =
        assertThrows(
            ApplicationFailure.class,
            () -> a.pollDeleted(REGION, OLD, Instant.now().plusSeconds(600)));
    assertEquals(Polls.NOT_YET, notYet.getType());
    assertFalse(notYet.isNonRetryable());
    assertEquals(RdsOldPrimaryActivitiesImpl.DELETE_POLL, notYet.getNextRetryDelay());
    ApplicationFailure late =
        assertThrows(
            ApplicationFailure.class,
            () -> a.pollDeleted(REGION, OLD, Instant.now().minusSeconds(1)));
    assertEquals("WaitDeadlineExceeded", late.getType());
    assertTrue(late.isNonRetryable());
    assertTrue(late.getOriginalMessage().contains("still 'deleting'"), late.getOriginalMessage());
    rds.db = null;
    assertEquals("gone", a.pollDeleted(REGION, OLD, Instant.now().plusSeconds(600)));
  }

  @Test
  void itsPlacementIsWhatAReplacementNeedsAndNullWhenGone() {
    OneInstance rds =
        new OneInstance(
            primary()
                .dbSubnetGroup(g -> g.dbSubnetGroupName("mycomputer-db"))
                .vpcSecurityGroups(
                    v -> v.vpcSecurityGroupId("sg-1"), v -> v.vpcSecurityGroupId("sg-2"))
                .storageEncrypted(true)
                .kmsKeyId("arn:aws:kms:eu-west-1:123456789012:key/k")
                .dbInstanceClass("db.r6g.large")
                .build());
    rds.tags.put("service", "payments");
    rds.tags.put("cost-centre", "cc-42");
    rds.tags.put("created-by", "dr-runbooks");
    rds.tags.put("dr-runbooks:kept", "standby");
    rds.tags.put("aws:cloudformation:stack-name", "payments");
    RdsOldPrimaryActivitiesImpl a =
        new RdsOldPrimaryActivitiesImpl(region -> rds.client(), Clock.systemUTC());
    assertEquals(
        new Placement(
            "mycomputer-db",
            List.of("sg-1", "sg-2"),
            "arn:aws:kms:eu-west-1:123456789012:key/k",
            "db.r6g.large",
            Map.of("service", "payments", "cost-centre", "cc-42")),
        a.placementOf(REGION, OLD),
        "its own tags, not AWS's nor dr-runbooks' marks");
    rds.db = rds.db.toBuilder().storageEncrypted(false).build();
    assertEquals(null, a.placementOf(REGION, OLD).kmsKeyId(), "an unencrypted one names no key");
    rds.db = null;
    assertEquals(null, a.placementOf(REGION, OLD));
  }
}
