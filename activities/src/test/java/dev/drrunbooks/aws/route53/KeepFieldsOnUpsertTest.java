package dev.drrunbooks.aws.route53;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.route53.Route53Activities;
import dev.drrunbooks.activities.route53.WeightChange;
import dev.drrunbooks.aws.rds.Polling;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.catalog.DnsRecordSpec;
import dev.drrunbooks.catalog.WeightedTarget;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.GetChangeRequest;
import software.amazon.awssdk.services.route53.model.GetChangeResponse;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Failover and failback keep what they do not own, on a scripted Route 53 that behaves as AWS
 * documents (API Reference, ChangeResourceRecordSets:
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html): an
 * UPSERT replaces the whole record set with what is sent, so a field left out is gone; the change
 * is PENDING for a while, then INSYNC (GetChange). moto replaces on UPSERT too but is INSYNC at
 * once, and nobody else edits its sets between our change and its read-back: both are shown here,
 * through the real {@link Route53ActivitiesImpl} on Temporal's activity test environment.
 */
class KeepFieldsOnUpsertTest {
  private static final DnsRecordSpec API = CatalogFixture.load().dnsRecords().get("api");

  /**
   * A weighted record of plain A records (TTL and values, no alias), for the fields an alias has
   * not.
   */
  private static final DnsRecordSpec WWW =
      new DnsRecordSpec(
          API.hostedZone(),
          "www.mycomputer.com",
          "A",
          plain(API.primary()),
          plain(API.secondary()),
          API.healthCheck());

  private TestActivityEnvironment env;
  private ScriptedRoute53 route53;
  private Route53Activities stub;

  @BeforeEach
  void setUp() {
    route53 = new ScriptedRoute53();
    route53.put(
        ResourceRecordSet.builder()
            .name("api.mycomputer.com.")
            .type("A")
            .setIdentifier("Primary")
            .weight(100L)
            .healthCheckId("hc-primary")
            .aliasTarget(alias(API.primary()))
            .build());
    route53.put(
        ResourceRecordSet.builder()
            .name("api.mycomputer.com.")
            .type("A")
            .setIdentifier("Secondary")
            .weight(0L)
            .healthCheckId("hc-secondary")
            .aliasTarget(alias(API.secondary()))
            .build());
    route53.put(
        ResourceRecordSet.builder()
            .name("www.mycomputer.com.")
            .type("A")
            .setIdentifier("Primary")
            .weight(100L)
            .healthCheckId("hc-www-primary")
            .ttl(60L)
            .resourceRecords(r -> r.value("198.51.100.7"))
            .build());
    route53.put(
        ResourceRecordSet.builder()
            .name("www.mycomputer.com.")
            .type("A")
            .setIdentifier("Secondary")
            .weight(0L)
            .healthCheckId("hc-www-secondary")
            .ttl(60L)
            .resourceRecords(r -> r.value("203.0.113.9"), r -> r.value("203.0.113.10"))
            .build());
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new Route53ActivitiesImpl(
            () -> route53, new Polling(Duration.ofMillis(10), Duration.ofMillis(40))));
    stub =
        env.newActivityStub(
            Route53Activities.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void failoverThenFailbackKeepBothSetsHealthChecksAndEveryOtherField() {
    for (DnsRecordSpec record : List.of(API, WWW)) {
      Map<String, ResourceRecordSet> seeded = route53.setsOf(record);
      for (long[] w : new long[][] {{0, 100}, {100, 0}}) { // failover, then failback
        switchTo(record, w[0], w[1]);
        Map<String, ResourceRecordSet> now = route53.setsOf(record);
        for (String id : List.of("Primary", "Secondary")) {
          assertEquals(
              seeded.get(id).healthCheckId(),
              now.get(id).healthCheckId(),
              record.name() + " " + id);
          assertEquals(
              seeded.get(id).toBuilder().weight(now.get(id).weight()).build(),
              now.get(id),
              record.name() + " " + id + ": only the weight changed");
        }
        assertEquals(w[0], now.get("Primary").weight());
        assertEquals(w[1], now.get("Secondary").weight());
      }
    }
    assertTrue(
        route53.upserts.stream().allMatch(s -> s.healthCheckId() != null),
        "every UPSERT sent its health check");
    assertTrue(
        route53.upserts.stream()
            .filter(s -> s.aliasTarget() != null)
            .allMatch(s -> s.ttl() == null && s.aliasTarget().evaluateTargetHealth()),
        "aliases TTL-less, evaluating health");
  }

  @Test
  void aHealthCheckRemovedByOthersBeforeTheReadBackIsReportedNamingTheField() {
    route53.whenInSync = () -> route53.edit(API, "Primary", s -> s.healthCheckId(null));
    ApplicationFailure e = switchFails(API, 0, 100);
    assertTrue(
        e.getOriginalMessage().contains("set 'Primary' HealthCheckId: 'hc-primary' -> (none)"),
        e.getOriginalMessage());
  }

  @Test
  void aTtlOrWeightChangedByOthersBeforeTheReadBackIsReportedNamingTheField() {
    route53.whenInSync =
        () -> {
          route53.edit(WWW, "Secondary", s -> s.ttl(300L));
          route53.edit(WWW, "Primary", s -> s.weight(50L));
        };
    ApplicationFailure e = switchFails(WWW, 0, 100);
    assertTrue(
        e.getOriginalMessage().contains("set 'Primary' Weight: intended 0, is 50"),
        e.getOriginalMessage());
    assertTrue(
        e.getOriginalMessage().contains("set 'Secondary' TTL: '60' -> '300'"),
        e.getOriginalMessage());
  }

  @Test
  void aSetTheCatalogNamesThatDoesNotExistIsRefusedBeforeAnyChange() {
    DnsRecordSpec missing =
        new DnsRecordSpec(
            API.hostedZone(),
            API.name(),
            API.type(),
            API.primary(),
            side(API.secondary(), "Tertiary"),
            API.healthCheck());
    ActivityFailure e =
        assertThrows(ActivityFailure.class, () -> stub.changeWeights(missing, 0, 100));
    ApplicationFailure af = assertInstanceOf(ApplicationFailure.class, e.getCause());
    assertTrue(af.isNonRetryable());
    assertEquals("Route53RecordSetNotFound", af.getType());
    assertTrue(
        af.getOriginalMessage()
            .startsWith(
                "Route53 record set api.mycomputer.com A 'Tertiary' in zone "
                    + "mycomputer.com (ZSCRIPTED) not found: refusing to create it"),
        af.getOriginalMessage());
    assertEquals(List.of(), route53.upserts, "nothing sent");
  }

  /** The workflow's switch: change, PENDING until INSYNC, read back and compare. */
  private void switchTo(DnsRecordSpec record, long primary, long secondary) {
    WeightChange change = stub.changeWeights(record, primary, secondary);
    assertEquals("PENDING", route53.statusOf(change.changeId()), "AWS answers PENDING first");
    assertEquals("INSYNC", stub.awaitInSync(change.changeId(), Instant.now().plusSeconds(30)));
    stub.verifyWeights(record, change, primary, secondary);
  }

  private ApplicationFailure switchFails(DnsRecordSpec record, long primary, long secondary) {
    ActivityFailure e =
        assertThrows(ActivityFailure.class, () -> switchTo(record, primary, secondary));
    ApplicationFailure af = assertInstanceOf(ApplicationFailure.class, e.getCause());
    assertTrue(af.isNonRetryable());
    assertEquals("Route53RecordSetMismatch", af.getType());
    return af;
  }

  private static AliasTarget alias(WeightedTarget side) {
    return AliasTarget.builder()
        .hostedZoneId(side.aliasHostedZoneId())
        .dnsName(side.aliasDnsName() + ".")
        .evaluateTargetHealth(true)
        .build();
  }

  private static WeightedTarget plain(WeightedTarget t) {
    return new WeightedTarget(
        t.setIdentifier(), t.region(), null, null, null, t.healthEndpoint(), t.alarm());
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

  /**
   * One hosted zone, {@code mycomputer.com}; only the calls the activities make. UPSERT replaces
   * the whole set (name, type, set identifier) with what is sent; a change is PENDING for two
   * GetChange polls, then INSYNC, when {@link #whenInSync} (someone else's edit) runs once.
   */
  private static final class ScriptedRoute53 implements Route53Client {
    private static final Comparator<ResourceRecordSet> ORDER =
        Comparator.comparing(ResourceRecordSet::name)
            .thenComparing(ResourceRecordSet::typeAsString)
            .thenComparing(ResourceRecordSet::setIdentifier);
    private final List<ResourceRecordSet> sets = new ArrayList<>();
    private final Map<String, Integer> polls = new HashMap<>();
    final List<ResourceRecordSet> upserts = Collections.synchronizedList(new ArrayList<>());
    volatile Runnable whenInSync;

    synchronized void put(ResourceRecordSet set) {
      sets.removeIf(s -> ORDER.compare(s, set) == 0);
      sets.add(set);
      sets.sort(ORDER);
    }

    synchronized void edit(
        DnsRecordSpec record, String setIdentifier, Consumer<ResourceRecordSet.Builder> edit) {
      ResourceRecordSet.Builder b = setsOf(record).get(setIdentifier).toBuilder();
      edit.accept(b);
      put(b.build());
    }

    synchronized Map<String, ResourceRecordSet> setsOf(DnsRecordSpec record) {
      Map<String, ResourceRecordSet> out = new HashMap<>();
      sets.stream()
          .filter(s -> s.name().equals(record.name() + "."))
          .forEach(s -> out.put(s.setIdentifier(), s));
      return out;
    }

    synchronized String statusOf(String changeId) {
      return polls.getOrDefault(changeId, 0) < 2 ? "PENDING" : "INSYNC";
    }

    @Override
    public ListHostedZonesByNameResponse listHostedZonesByName(
        ListHostedZonesByNameRequest request) {
      return ListHostedZonesByNameResponse.builder()
          .isTruncated(false)
          .hostedZones(
              HostedZone.builder()
                  .id("/hostedzone/ZSCRIPTED")
                  .name("mycomputer.com.")
                  .callerReference("scripted")
                  .build())
          .build();
    }

    /** Sets from (StartRecordName, StartRecordType) on, in Route 53's order; one page. */
    @Override
    public synchronized ListResourceRecordSetsResponse listResourceRecordSets(
        ListResourceRecordSetsRequest request) {
      List<ResourceRecordSet> from =
          sets.stream()
              .filter(
                  s -> {
                    int byName = s.name().compareTo(request.startRecordName());
                    return byName > 0
                        || byName == 0
                            && s.typeAsString().compareTo(request.startRecordTypeAsString()) >= 0;
                  })
              .toList();
      return ListResourceRecordSetsResponse.builder()
          .resourceRecordSets(from)
          .isTruncated(false)
          .maxItems("300")
          .build();
    }

    @Override
    public synchronized ChangeResourceRecordSetsResponse changeResourceRecordSets(
        ChangeResourceRecordSetsRequest r) {
      for (Change c : r.changeBatch().changes()) {
        if (c.action() != ChangeAction.UPSERT) {
          throw InvalidChangeBatchException.builder()
              .statusCode(400)
              .awsErrorDetails(
                  AwsErrorDetails.builder()
                      .errorCode("InvalidChangeBatch")
                      .errorMessage("scripted: UPSERT only")
                      .build())
              .build();
        }
      }
      r.changeBatch()
          .changes()
          .forEach(
              c -> {
                upserts.add(c.resourceRecordSet());
                put(c.resourceRecordSet()); // the whole set, as sent
              });
      String id = "C" + (polls.size() + 1);
      polls.put(id, 0);
      return ChangeResourceRecordSetsResponse.builder()
          .changeInfo(info("/change/" + id, "PENDING"))
          .build();
    }

    @Override
    public GetChangeResponse getChange(GetChangeRequest request) {
      String status;
      synchronized (this) {
        int n = polls.merge(request.id(), 1, Integer::sum);
        status = n <= 2 ? "PENDING" : "INSYNC";
      }
      Runnable edit = whenInSync;
      if ("INSYNC".equals(status) && edit != null) {
        whenInSync = null;
        edit.run();
      }
      return GetChangeResponse.builder()
          .changeInfo(info("/change/" + request.id(), status))
          .build();
    }

    private static ChangeInfo info(String id, String status) {
      return ChangeInfo.builder()
          .id(id)
          .status(status)
          .submittedAt(Instant.parse("2024-01-15T03:00:00Z"))
          .build();
    }

    @Override
    public String serviceName() {
      return "route53";
    }

    @Override
    public void close() {}
  }
}
