package dev.drrunbooks.standby;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.pointer.PointerValue;
import dev.drrunbooks.activities.rds.ReplicaLag;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.model.Ownership;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The standby's pure rules on their own: endpoints, hosts, lag words, where a replica goes. */
class StandbyPureRulesTest {
  private static final Standby PAYMENTS =
      Standby.of(CatalogFixture.load().definitionOf("payments"));

  @Test
  void anEndpointIsTheInstancesOwnInItsRegionWithoutRegardToCaseOrATrailingDot() {
    String host = "mycomputer-payments-db.c1a2b3.eu-west-1.rds.amazonaws.com";
    assertTrue(Standby.isEndpointOf(host, "mycomputer-payments-db", "eu-west-1"));
    assertTrue(
        Standby.isEndpointOf(host.toUpperCase() + ".", "mycomputer-payments-db", "eu-west-1"));
    assertFalse(Standby.isEndpointOf(host, "mycomputer-payments-db", "eu-central-1"));
    assertFalse(Standby.isEndpointOf(host, "mycomputer-payments", "eu-west-1"));
    assertFalse(Standby.isEndpointOf(null, "mycomputer-payments-db", "eu-west-1"));
  }

  @Test
  void hostsCompareWithoutCaseOrTrailingDot() {
    assertTrue(StandbyChecks.sameHost("a.example.", "A.EXAMPLE"));
    assertTrue(StandbyChecks.sameHost("a.example", "a.example"));
    assertFalse(StandbyChecks.sameHost("a.example", "b.example"));
    assertFalse(StandbyChecks.sameHost(null, "a.example"));
    assertFalse(StandbyChecks.sameHost("a.example", null));
  }

  @Test
  void aPointerAtNeitherThePrimaryNorTheStandbyIsRefused() {
    PointerValue elsewhere =
        new PointerValue(
            "cname", "payments-db.mycomputer.internal", null, "x.example", Map.of(), null);
    ApplicationFailure f =
        assertThrows(
            ApplicationFailure.class,
            () -> StandbyChecks.requirePointerAtPrimaryOr(PAYMENTS, elsewhere, "target.example"));
    assertEquals("PointerNotAsExpected", f.getType());
    StandbyChecks.requirePointerAtPrimaryOr(
        PAYMENTS,
        new PointerValue("cname", "p", null, "target.example.", Map.of(), null),
        "target.example");
  }

  @Test
  void theLagIsDescribedKnownOrUnknownAndPlannedOrNot() {
    ReplicaLag lag = new ReplicaLag(2.1, Instant.parse("2026-12-03T10:00:00Z"), 1);
    String known = new LagAssessment(lag, Duration.ofSeconds(5), true).describe();
    assertTrue(known.startsWith("ReplicaLag 3 s at 2026-12-03T10:00:00Z"), known);
    assertTrue(known.endsWith("available (planned failover)"), known);
    String unknown = new LagAssessment(ReplicaLag.noData(), Duration.ZERO, false).describe();
    assertTrue(unknown.startsWith("ReplicaLag unknown"), unknown);
    assertTrue(unknown.endsWith("not available (unplanned failover)"), unknown);
    assertTrue(new LagAssessment(lag, Duration.ofSeconds(3), false).withinRpo(), "3 s of 3 s");
    assertFalse(new LagAssessment(lag, Duration.ofSeconds(2), false).withinRpo());
    assertTrue(new LagAssessment(lag, null, false).withinRpo(), "no RPO: any known lag");
  }

  @Test
  void reversedSwapsTheRolesAndKeepsThePointer() {
    Standby back = PAYMENTS.reversed();
    assertEquals("mycomputer-payments-db-replica", back.primaryInstance());
    assertEquals("eu-central-1", back.primaryRegion());
    assertEquals(PAYMENTS.replicaArn(), back.primaryArn());
    assertEquals("mycomputer-payments-db", back.replicaInstance());
    assertEquals("eu-west-1", back.replicaRegion());
    assertEquals(PAYMENTS.primaryArn(), back.replicaArn());
    assertEquals(PAYMENTS.pointer(), back.pointer());
    assertEquals(PAYMENTS.backupRetentionDays(), back.backupRetentionDays());
    assertEquals(PAYMENTS, back.reversed());
  }

  @Test
  void failingBackTheStandbyGoesWhereTheDrInstanceLivedWithItsKeyElseTheDrReplicationKey() {
    var service = CatalogFixture.load().definitionOf("payments");
    var owner = new Ownership("w", "r", "standby-replicate");
    var own =
        new dev.drrunbooks.activities.rds.Placement(
            "dr-db",
            java.util.List.of("sg-dr"),
            "arn:aws:kms:eu-central-1:1:key/own",
            "db.r6g.large");
    var request = ReplicateBackChecks.request(service, PAYMENTS.reversed(), own, owner, true);
    assertEquals("eu-central-1", request.region());
    assertEquals("mycomputer-payments-db-replica", request.instanceId());
    assertEquals("eu-west-1", request.sourceRegion());
    assertEquals("dr-db", request.subnetGroup());
    assertEquals("arn:aws:kms:eu-central-1:1:key/own", request.kmsKeyId());
    assertEquals(
        "subnet group dr-db, security groups [sg-dr] (the old primary's)",
        ReplicateBackChecks.describeWhere(request, own, true));

    var unencrypted =
        new dev.drrunbooks.activities.rds.Placement(
            "dr-db", java.util.List.of("sg-dr"), null, "db.r6g.large");
    assertTrue(
        ReplicateBackChecks.request(service, PAYMENTS.reversed(), unencrypted, owner, true)
            .kmsKeyId()
            .endsWith(":key/7c2e9a41-5b3d-4e8f-a1c6-0d9b8e7f6a52"),
        "createReplica sends it for an encrypted source only");
    assertEquals(
        null,
        ReplicateBackChecks.request(service, PAYMENTS, unencrypted, owner, false).kmsKeyId(),
        "the normal direction as before");

    var gone = ReplicateBackChecks.request(service, PAYMENTS.reversed(), null, owner, true);
    assertEquals("mycomputer-dr-db", gone.subnetGroup(), "database.drRestore");
    assertTrue(
        ReplicateBackChecks.describeWhere(gone, null, true)
            .endsWith("(the catalog's database.drRestore: the old primary is gone)"));
  }

  @Test
  void withTheOldPrimaryGoneTheReverseReplicaGoesWhereTheCatalogsRestoresGo() {
    var catalog =
        CatalogFixture.parse(
            CatalogFixture.text()
                .replace(
                    "      drRestore: { subnetGroup: mycomputer-dr-db, securityGroupIds:"
                        + " [sg-0a1b2c3d4e5f60718], parameterGroup: mycomputer-postgres15-dr }\n"
                        + "      dataRecovery:\n"
                        + "        ledger: { table: payment_entries",
                    "      drRestore: { subnetGroup: mycomputer-dr-db, securityGroupIds:"
                        + " [sg-0a1b2c3d4e5f60718], parameterGroup: mycomputer-postgres15-dr }\n"
                        + "      restore: { subnetGroup: mycomputer-db, securityGroupIds: [sg-1]"
                        + " }\n"
                        + "      dataRecovery:\n"
                        + "        ledger: { table: payment_entries"));
    var service = catalog.definitionOf("payments");
    var request =
        ReplicateBackChecks.request(
            service,
            Standby.of(service),
            null,
            new Ownership("w", "r", "standby-replicate"),
            false);
    assertEquals("mycomputer-db", request.subnetGroup());
    assertEquals(java.util.List.of("sg-1"), request.securityGroupIds());
    assertEquals(null, request.kmsKeyId());
    assertEquals("eu-west-1", request.region());
  }

  @Test
  void promotionsEachFromTheOtherWithoutBothTimesAreRefusedAnUnreachablePrimaryIsNot() {
    var standby =
        state(
            PAYMENTS.replicaInstance(),
            Map.of(
                dev.drrunbooks.activities.rds.ReplicaState.PROMOTED_FROM_TAG,
                PAYMENTS.primaryArn()));
    var primary =
        state(
            PAYMENTS.primaryInstance(),
            Map.of(
                dev.drrunbooks.activities.rds.ReplicaState.PROMOTED_FROM_TAG,
                PAYMENTS.replicaInstance(),
                dev.drrunbooks.activities.rds.ReplicaState.PROMOTED_AT_TAG,
                "2026-12-03T11:00:00Z"));
    String refusal =
        StandbyChecks.supersededPromotion(PAYMENTS, standby, primary, "payments", false);
    assertTrue(refusal.contains("not both recorded"), refusal);
    assertEquals(
        null, StandbyChecks.supersededPromotion(PAYMENTS, standby, null, "payments", false));
    assertEquals(
        null,
        StandbyChecks.supersededPromotion(
            PAYMENTS, standby, state(PAYMENTS.primaryInstance(), Map.of()), "payments", false));
  }

  private static dev.drrunbooks.activities.rds.ReplicaState state(
      String instance, Map<String, String> tags) {
    return new dev.drrunbooks.activities.rds.ReplicaState(
        instance, "eu-west-1", true, null, "available", null, null, null, null, tags);
  }
}
