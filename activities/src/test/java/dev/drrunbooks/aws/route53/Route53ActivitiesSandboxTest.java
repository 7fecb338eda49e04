package dev.drrunbooks.aws.route53;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.route53.HealthCheckState;
import dev.drrunbooks.activities.route53.Route53Activities;
import dev.drrunbooks.activities.route53.WeightChange;
import dev.drrunbooks.activities.route53.WeightedRecordState;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.SandboxAws;
import dev.drrunbooks.aws.rds.Polling;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.catalog.DnsRecordSpec;
import dev.drrunbooks.catalog.HealthCheckRef;
import dev.drrunbooks.catalog.WeightedTarget;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.HealthCheckType;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The runbook's DNS failover step through the AWS SDK over HTTP against the sandbox's moto: the
 * seeded zone {@code mycomputer.com}, its weighted Primary/Secondary records and the health checks
 * of the catalog's records. Tests that change weights put back what they found, in a finally.
 */
class Route53ActivitiesSandboxTest {
  private static final Map<String, DnsRecordSpec> RECORDS = CatalogFixture.load().dnsRecords();
  private static final DnsRecordSpec API = RECORDS.get("api");

  private AwsClients aws;
  private Route53ActivitiesImpl activities;

  @BeforeEach
  void setUp() {
    aws = SandboxAws.clients();
    activities =
        new Route53ActivitiesImpl(aws, new Polling(Duration.ofMillis(50), Duration.ofMillis(200)));
  }

  @AfterEach
  void tearDown() {
    aws.close();
  }

  @Test
  void readsTheSeededWeightsOfApi() {
    WeightedRecordState state = activities.readWeights(API);
    assertEquals(100L, state.primaryWeight());
    assertEquals(0L, state.secondaryWeight());
    assertEquals("api.mycomputer.com", state.name());
    assertNotNull(state.hostedZoneId());
    assertFalse(state.hostedZoneId().startsWith("/"), state.hostedZoneId());
    assertEquals("Primary 100 / Secondary 0", state.describe());
  }

  @Test
  void everyCatalogRecordHasBothSetsSeeded() {
    for (DnsRecordSpec record : RECORDS.values()) {
      WeightedRecordState state = activities.readWeights(record);
      assertNotNull(state.primaryWeight(), record.name());
      assertNotNull(state.secondaryWeight(), record.name());
    }
  }

  @Test
  void theZoneIsFoundWithOrWithoutTheTrailingDot() {
    String id = activities.zoneId("mycomputer.com");
    assertEquals(id, activities.zoneId("mycomputer.com."));
    assertEquals(id, activities.zoneId("MyComputer.COM"));
    assertEquals(id, activities.readWeights(withZone(API, "mycomputer.com.")).hostedZoneId());
  }

  @Test
  void aSetThatDoesNotExistReadsAsNull() {
    DnsRecordSpec other =
        new DnsRecordSpec(
            API.hostedZone(),
            API.name(),
            API.type(),
            side(API.primary(), "Tertiary"),
            API.secondary(),
            API.healthCheck());
    WeightedRecordState state = activities.readWeights(other);
    assertEquals(null, state.primaryWeight());
    assertEquals(0L, state.secondaryWeight());
  }

  @Test
  void upsertsTheRunbooksChangeBatchReadsItBackAndPutsTheWeightsBack() {
    WeightedRecordState before = activities.readWeights(API);
    assertNotNull(before.primaryWeight());
    assertNotNull(before.secondaryWeight());
    try {
      String changeId = activities.upsertWeights(API, 0, 100);
      assertNotNull(changeId);
      assertFalse(changeId.startsWith("/change/"), changeId);

      WeightedRecordState after = activities.readWeights(API);
      assertEquals(0L, after.primaryWeight());
      assertEquals(100L, after.secondaryWeight());
      assertAliasTargetsAsInTheCatalog(after.hostedZoneId(), API);

      // UPSERT is idempotent: a retried activity changes nothing more
      activities.upsertWeights(API, 0, 100);
      assertEquals("Primary 0 / Secondary 100", activities.readWeights(API).describe());
    } finally {
      activities.upsertWeights(API, before.primaryWeight(), before.secondaryWeight());
    }
    WeightedRecordState restored = activities.readWeights(API);
    assertEquals(before, restored);
    assertAliasTargetsAsInTheCatalog(restored.hostedZoneId(), API);
  }

  /**
   * The record sets as Route53 has them: the two sets, alias targets unchanged, no other set added.
   */
  private void assertAliasTargetsAsInTheCatalog(String zoneId, DnsRecordSpec record) {
    List<ResourceRecordSet> sets =
        aws
            .route53()
            .listResourceRecordSets(
                r ->
                    r.hostedZoneId(zoneId)
                        .startRecordName(record.name() + ".")
                        .startRecordType(record.type()))
            .resourceRecordSets()
            .stream()
            .filter(
                s -> s.name().equals(record.name() + ".") && s.typeAsString().equals(record.type()))
            .toList();
    assertEquals(2, sets.size(), sets.toString());
    for (WeightedTarget side : List.of(record.primary(), record.secondary())) {
      ResourceRecordSet s =
          sets.stream()
              .filter(x -> side.setIdentifier().equals(x.setIdentifier()))
              .findFirst()
              .orElseThrow();
      assertEquals(side.aliasHostedZoneId(), s.aliasTarget().hostedZoneId());
      assertEquals(side.aliasDnsName(), s.aliasTarget().dnsName().replaceAll("\\.$", ""));
      assertEquals(side.evaluateTargetHealth(), s.aliasTarget().evaluateTargetHealth());
    }
  }

  @Test
  void awaitInSyncReturnsInSyncForTheChangeJustMade() {
    WeightedRecordState current = activities.readWeights(API);
    // the same weights again: a real change batch that leaves the seeded world as it is
    String changeId =
        activities.upsertWeights(API, current.primaryWeight(), current.secondaryWeight());

    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(activities);
      Route53Activities stub =
          env.newActivityStub(
              Route53Activities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofMinutes(1))
                  .setHeartbeatTimeout(Duration.ofSeconds(30))
                  .build());
      assertEquals("INSYNC", stub.awaitInSync(changeId, Instant.now().plusSeconds(30)));
      assertEquals(
          "INSYNC", stub.awaitInSync("/change/" + changeId, Instant.now().plusSeconds(30)));
      assertEquals("INSYNC", stub.pollInSync(changeId, Instant.now().plusSeconds(30)));
    } finally {
      env.close();
    }
  }

  @Test
  void theHealthCheckOfEveryRecordIsFoundByFqdnAndPath() {
    for (DnsRecordSpec record : RECORDS.values()) {
      HealthCheckState state = activities.healthCheckStatus(record);
      assertNotNull(state.healthCheckId(), record.name());
      assertTrue(state.checkers() > 0, state.toString());
      assertTrue(state.healthy(), state.toString());
      assertTrue(
          state
              .detail()
              .contains(record.healthCheck().fqdn() + ":443" + record.healthCheck().path()),
          state.detail());
    }
    List<String> ids =
        RECORDS.values().stream()
            .map(r -> activities.healthCheckStatus(r).healthCheckId())
            .toList();
    assertEquals(
        ids.size(), ids.stream().distinct().count(), "one health check per record: " + ids);
  }

  @Test
  void aHealthCheckIsAlsoFoundByItsId() {
    String id = activities.healthCheckStatus(API).healthCheckId();
    DnsRecordSpec byId = withHealthCheck(API, new HealthCheckRef(id, null, null));
    assertEquals(id, activities.healthCheckStatus(byId).healthCheckId());
  }

  @Test
  void aHealthCheckThatIsNotThereFailsNonRetryablyNamingIt() {
    ApplicationFailure byId =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activities.healthCheckStatus(
                    withHealthCheck(
                        API,
                        new HealthCheckRef("00000000-0000-0000-0000-000000000000", null, null))));
    assertTrue(byId.isNonRetryable());
    assertTrue(
        byId.getOriginalMessage().contains("'00000000-0000-0000-0000-000000000000' not found"),
        byId.getOriginalMessage());

    ApplicationFailure byTarget =
        assertThrows(
            ApplicationFailure.class,
            () ->
                activities.healthCheckStatus(
                    withHealthCheck(
                        API, new HealthCheckRef(null, "api.mycomputer.com", "/no-such-path"))));
    assertTrue(byTarget.isNonRetryable());
    assertTrue(
        byTarget.getOriginalMessage().contains("api.mycomputer.com/no-such-path"),
        byTarget.getOriginalMessage());

    ApplicationFailure none =
        assertThrows(
            ApplicationFailure.class,
            () -> activities.healthCheckStatus(withHealthCheck(API, null)));
    assertEquals("InvalidInput", none.getType());
  }

  @Test
  void aMissingZoneFailsNonRetryablyNamingIt() {
    DnsRecordSpec elsewhere = withZone(API, "no-such-zone.example");
    for (Runnable call :
        List.<Runnable>of(
            () -> activities.readWeights(elsewhere),
            () -> activities.upsertWeights(elsewhere, 0, 100))) {
      ApplicationFailure e = assertThrows(ApplicationFailure.class, call::run);
      assertTrue(e.isNonRetryable());
      assertEquals("Route53 hosted zone 'no-such-zone.example' not found", e.getOriginalMessage());
    }
  }

  @Test
  void aWeightRoute53WouldRefuseIsABadInputAndNothingIsSent() {
    WeightedRecordState before = activities.readWeights(API);
    for (long[] w : new long[][] {{-1, 100}, {0, 256}}) {
      ApplicationFailure e =
          assertThrows(ApplicationFailure.class, () -> activities.upsertWeights(API, w[0], w[1]));
      assertTrue(e.isNonRetryable());
      assertEquals("InvalidInput", e.getType());
      assertTrue(e.getOriginalMessage().contains("between 0 and 255"), e.getOriginalMessage());
    }
    assertEquals(before, activities.readWeights(API));
  }

  @Test
  void aRecordOutsideItsZoneIsRefusedAsNotFoundAndNothingIsSent() {
    DnsRecordSpec wrong =
        new DnsRecordSpec(
            API.hostedZone(),
            "api.example.org",
            API.type(),
            API.primary(),
            API.secondary(),
            API.healthCheck());
    ApplicationFailure e =
        assertThrows(ApplicationFailure.class, () -> activities.upsertWeights(wrong, 0, 100));
    assertTrue(e.isNonRetryable(), e.getOriginalMessage());
    assertEquals("Route53RecordSetNotFound", e.getType());
    assertTrue(
        e.getOriginalMessage()
            .startsWith("Route53 record set api.example.org A 'Primary' in zone mycomputer.com"),
        e.getOriginalMessage());
  }

  // ---- read-modify-write: what the failover does not own is kept (issue 10, finding 2)
  // -------------

  @Test
  void failoverAndFailbackKeepEachSetsHealthCheckTtlLessAliasAndEvaluateTargetHealth() {
    try (OwnRecord own = new OwnRecord()) {
      Map<String, ResourceRecordSet> seeded = own.sets();
      for (long[] w : new long[][] {{0, 100}, {100, 0}}) { // failover, then failback
        WeightChange change = activities.changeWeights(own.spec, w[0], w[1]);
        assertEquals("INSYNC", awaitInSync(change.changeId()));
        WeightedRecordState verified = activities.verifyWeights(own.spec, change, w[0], w[1]);
        assertEquals("Primary " + w[0] + " / Secondary " + w[1], verified.describe());

        Map<String, ResourceRecordSet> now = own.sets();
        for (String id : List.of(own.primaryId, own.secondaryId)) {
          ResourceRecordSet was = seeded.get(id);
          ResourceRecordSet is = now.get(id);
          assertEquals(
              own.healthChecks.get(id), is.healthCheckId(), id + " keeps its health check");
          assertNull(is.ttl(), id + " stays a TTL-less alias");
          assertTrue(is.resourceRecords().isEmpty(), is.toString());
          assertEquals(Boolean.TRUE, is.aliasTarget().evaluateTargetHealth(), id);
          assertEquals(was.aliasTarget(), is.aliasTarget(), id);
          assertEquals(was.toBuilder().weight(is.weight()).build(), is, "only the weight changed");
        }
        assertEquals(w[0], now.get(own.primaryId).weight());
        assertEquals(w[1], now.get(own.secondaryId).weight());
      }
    }
  }

  @Test
  void aHealthCheckRemovedByOthersBetweenTheChangeAndItsReadBackIsReportedNamingTheField() {
    try (OwnRecord own = new OwnRecord()) {
      WeightChange change = activities.changeWeights(own.spec, 0, 100);
      ResourceRecordSet primary = own.sets().get(own.primaryId);
      own.upsert(primary.toBuilder().healthCheckId(null).build()); // someone else, meanwhile
      ApplicationFailure e =
          assertThrows(
              ApplicationFailure.class, () -> activities.verifyWeights(own.spec, change, 0, 100));
      assertTrue(e.isNonRetryable());
      assertEquals("Route53RecordSetMismatch", e.getType());
      assertTrue(
          e.getOriginalMessage()
              .contains(
                  "set '"
                      + own.primaryId
                      + "' HealthCheckId: '"
                      + own.healthChecks.get(own.primaryId)
                      + "' -> (none)"),
          e.getOriginalMessage());
      assertFalse(
          e.getOriginalMessage().contains(own.secondaryId),
          "the secondary is as intended: " + e.getOriginalMessage());
    }
  }

  @Test
  void aSetTheCatalogNamesThatDoesNotExistIsRefusedAndNotCreated() {
    DnsRecordSpec missing =
        new DnsRecordSpec(
            API.hostedZone(),
            API.name(),
            API.type(),
            side(API.primary(), "Tertiary-" + UUID.randomUUID()),
            API.secondary(),
            API.healthCheck());
    WeightedRecordState before = activities.readWeights(API);
    ApplicationFailure e =
        assertThrows(ApplicationFailure.class, () -> activities.changeWeights(missing, 0, 100));
    assertTrue(e.isNonRetryable());
    assertEquals("Route53RecordSetNotFound", e.getType());
    assertTrue(
        e.getOriginalMessage()
            .contains("'" + missing.primary().setIdentifier() + "' in zone mycomputer.com"),
        e.getOriginalMessage());
    assertTrue(
        e.getOriginalMessage().contains("not found: refusing to create it"),
        e.getOriginalMessage());
    assertNull(activities.readWeights(missing).primaryWeight(), "not created");
    assertEquals(before, activities.readWeights(API), "the other set untouched: nothing was sent");
  }

  /**
   * What the fix works around, seen in moto as on AWS: an UPSERT replaces the whole set, dropping a
   * field left out.
   */
  @Test
  void motoLikeRoute53ReplacesTheWholeSetOnUpsert() {
    try (OwnRecord own = new OwnRecord()) {
      ResourceRecordSet primary = own.sets().get(own.primaryId);
      own.upsert(
          ResourceRecordSet.builder()
              .name(primary.name())
              .type(primary.type())
              .setIdentifier(primary.setIdentifier())
              .weight(0L)
              .aliasTarget(primary.aliasTarget())
              .build());
      assertNull(
          own.sets().get(own.primaryId).healthCheckId(),
          "HealthCheckId dropped by an UPSERT without it");
    }
  }

  /** GetChange until INSYNC, on the activity test environment (the wait heartbeats). */
  private String awaitInSync(String changeId) {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(activities);
      return env.newActivityStub(
              Route53Activities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build())
          .awaitInSync(changeId, Instant.now().plusSeconds(30));
    } finally {
      env.close();
    }
  }

  /**
   * A weighted Primary/Secondary alias record of its own in the seeded zone (unique name and set
   * identifiers: moto's DELETE by set identifier removes that identifier's sets of every name),
   * each set with a health check of its own; all deleted on close.
   */
  private final class OwnRecord implements AutoCloseable {
    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String name = "r53-" + suffix + ".mycomputer.com";
    final String primaryId = "Primary-" + suffix;
    final String secondaryId = "Secondary-" + suffix;
    final String zoneId = activities.zoneId("mycomputer.com");
    final Map<String, String> healthChecks = new HashMap<>();
    final DnsRecordSpec spec =
        new DnsRecordSpec(
            API.hostedZone(),
            name,
            "A",
            side(API.primary(), primaryId),
            side(API.secondary(), secondaryId),
            API.healthCheck());

    OwnRecord() {
      for (WeightedTarget side : List.of(spec.primary(), spec.secondary())) {
        String hc =
            aws.route53()
                .createHealthCheck(
                    r ->
                        r.callerReference("dr-test-" + side.setIdentifier())
                            .healthCheckConfig(
                                c ->
                                    c.type(HealthCheckType.HTTPS)
                                        .fullyQualifiedDomainName(side.aliasDnsName())
                                        .port(443)
                                        .resourcePath("/health")))
                .healthCheck()
                .id();
        healthChecks.put(side.setIdentifier(), hc);
        aws.route53()
            .changeResourceRecordSets(
                r ->
                    r.hostedZoneId(zoneId)
                        .changeBatch(
                            b ->
                                b.changes(
                                    Change.builder()
                                        .action(ChangeAction.CREATE)
                                        .resourceRecordSet(
                                            s ->
                                                s.name(name)
                                                    .type(RRType.A)
                                                    .setIdentifier(side.setIdentifier())
                                                    .weight(side == spec.primary() ? 100L : 0L)
                                                    .healthCheckId(hc)
                                                    .aliasTarget(
                                                        a ->
                                                            a.hostedZoneId(side.aliasHostedZoneId())
                                                                .dnsName(side.aliasDnsName())
                                                                .evaluateTargetHealth(true)))
                                        .build())));
      }
    }

    Map<String, ResourceRecordSet> sets() {
      Map<String, ResourceRecordSet> out = new HashMap<>();
      aws
          .route53()
          .listResourceRecordSets(
              r -> r.hostedZoneId(zoneId).startRecordName(name + ".").startRecordType("A"))
          .resourceRecordSets()
          .stream()
          .filter(s -> s.name().equals(name + ".") && s.setIdentifier() != null)
          .forEach(s -> out.put(s.setIdentifier(), s));
      return out;
    }

    void upsert(ResourceRecordSet set) {
      aws.route53()
          .changeResourceRecordSets(
              r ->
                  r.hostedZoneId(zoneId)
                      .changeBatch(
                          b ->
                              b.changes(
                                  Change.builder()
                                      .action(ChangeAction.UPSERT)
                                      .resourceRecordSet(set)
                                      .build())));
    }

    @Override
    public void close() {
      for (ResourceRecordSet s : sets().values()) {
        aws.route53()
            .changeResourceRecordSets(
                r ->
                    r.hostedZoneId(zoneId)
                        .changeBatch(
                            b ->
                                b.changes(
                                    Change.builder()
                                        .action(ChangeAction.DELETE)
                                        .resourceRecordSet(s)
                                        .build())));
      }
      healthChecks
          .values()
          .forEach(id -> aws.route53().deleteHealthCheck(r -> r.healthCheckId(id)));
    }
  }

  private static DnsRecordSpec withZone(DnsRecordSpec r, String zone) {
    return new DnsRecordSpec(zone, r.name(), r.type(), r.primary(), r.secondary(), r.healthCheck());
  }

  private static DnsRecordSpec withHealthCheck(DnsRecordSpec r, HealthCheckRef ref) {
    return new DnsRecordSpec(r.hostedZone(), r.name(), r.type(), r.primary(), r.secondary(), ref);
  }

  private static WeightedTarget side(WeightedTarget t, String setIdentifier) {
    return new WeightedTarget(
        setIdentifier,
        t.region(),
        t.aliasHostedZoneId(),
        t.aliasDnsName(),
        t.evaluateTargetHealth(),
        t.healthEndpoint(),
        t.alarm());
  }
}
