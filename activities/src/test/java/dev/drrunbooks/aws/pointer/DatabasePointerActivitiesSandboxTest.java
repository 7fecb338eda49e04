package dev.drrunbooks.aws.pointer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.pointer.PointerMove;
import dev.drrunbooks.activities.pointer.PointerValue;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.SandboxAws;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.catalog.DatabasePointer;
import dev.drrunbooks.catalog.ServiceSpec;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The database pointer through the AWS SDK over HTTP against the sandbox's moto: Payments' seeded
 * CNAME payments-db.mycomputer.internal in the private zone mycomputer.internal (its zone found by
 * name, as the catalog gives it, and by the name's suffix), a CNAME with a routing policy and a
 * health check this test makes in that zone, and String parameters it makes under
 * /dr-runbooks-test/. The seeded CNAME is put back as found, in a finally; the rest is deleted.
 *
 * <p>What moto cannot show (someone else's write between the move and its read-back, a Tier or
 * Description an overwrite would drop) is in {@link DatabasePointerMoveTest}.
 */
class DatabasePointerActivitiesSandboxTest {
  private static final String PRIMARY = "eu-west-1";
  private static final ServiceSpec PAYMENTS = CatalogFixture.load().services().get("payments");
  private static final DatabasePointer SEEDED = PAYMENTS.recovery().databasePointer();
  private static final String STANDBY =
      "mycomputer-payments-db-replica.aaaaaaaaaa.eu-central-1.rds.amazonaws.com";

  private AwsClients aws;
  private Route53Client route53;
  private SsmClient ssm;
  private DatabasePointerActivitiesImpl pointers;
  private String primaryEndpoint;

  @BeforeEach
  void setUp() {
    aws = SandboxAws.clients();
    route53 = aws.route53();
    ssm = aws.ssm(PRIMARY);
    pointers = new DatabasePointerActivitiesImpl(aws);
    primaryEndpoint =
        aws.rds(PRIMARY)
            .describeDBInstances(r -> r.dbInstanceIdentifier(PAYMENTS.database().instance()))
            .dbInstances()
            .get(0)
            .endpoint()
            .address();
  }

  @AfterEach
  void tearDown() {
    aws.close();
  }

  private static ApplicationFailure refused(String type, Executable call) {
    ApplicationFailure f = assertThrows(ApplicationFailure.class, call);
    assertEquals(type, f.getType(), f.getOriginalMessage());
    return f;
  }

  @Test
  void theSeededCnamePointsAtThePrimaryAsRdsReportsIt() {
    PointerValue seeded = pointers.read(SEEDED, PRIMARY);
    assertEquals("cname", seeded.kind());
    assertEquals("payments-db.mycomputer.internal", seeded.name());
    assertEquals(primaryEndpoint, seeded.value(), "what InstanceInfo.endpointAddress reads");
    assertEquals(Map.of("TTL", "60"), seeded.kept());
    assertNull(seeded.region());
    assertNull(seeded.version());
    PointerValue bySuffix = pointers.read(new DatabasePointer(SEEDED.cname(), null, null), null);
    assertEquals(seeded, bySuffix, "the private zone the name ends with");
  }

  @Test
  void theSeededCnameMovesKeepingItsTtlThenStaysThenRefusesAnotherExpectation() {
    String zoneId = zoneId();
    try {
      PointerMove move = pointers.move(SEEDED, PRIMARY, primaryEndpoint, STANDBY);
      assertTrue(move.changed());
      assertNotNull(move.changeId());
      assertEquals(primaryEndpoint, move.before().value());
      assertEquals(STANDBY, move.after().value());
      assertEquals(Map.of("TTL", "60"), move.after().kept());
      ResourceRecordSet listed = cnameSet(zoneId, SEEDED.cname());
      assertEquals(60L, listed.ttl());
      assertEquals(STANDBY, listed.resourceRecords().get(0).value(), "written as given");
      assertEquals(
          "INSYNC", route53.getChange(r -> r.id(move.changeId())).changeInfo().statusAsString());

      PointerMove again = pointers.move(SEEDED, PRIMARY, primaryEndpoint, STANDBY);
      assertFalse(again.changed());
      assertNull(again.changeId());

      ApplicationFailure f =
          refused(
              PointerFailures.NOT_AS_EXPECTED,
              () -> pointers.move(SEEDED, PRIMARY, primaryEndpoint, "third.example.internal"));
      assertTrue(f.getOriginalMessage().contains(STANDBY), f.getOriginalMessage());
      assertEquals(STANDBY, pointers.read(SEEDED, PRIMARY).value(), "nothing changed");
    } finally {
      upsert(
          zoneId,
          cnameSet(zoneId, SEEDED.cname()).toBuilder()
              .resourceRecords(r -> r.value(primaryEndpoint))
              .build());
    }
    assertEquals(primaryEndpoint, pointers.read(SEEDED, PRIMARY).value());
  }

  @Test
  void aCnameWithARoutingPolicyAndHealthCheckKeepsThemAndAWeightedPairIsRefused() {
    String zoneId = zoneId();
    String name = SandboxAws.uniqueName("dr-test-pointer") + ".mycomputer.internal";
    String pair = SandboxAws.uniqueName("dr-test-pointer-pair") + ".mycomputer.internal";
    ResourceRecordSet routed =
        ResourceRecordSet.builder()
            .name(name + ".")
            .type("CNAME")
            .ttl(30L)
            .setIdentifier("eu")
            .weight(100L)
            .healthCheckId("0e1f2a3b-4c5d-6e7f-8091-a2b3c4d5e6f7")
            .resourceRecords(r -> r.value(primaryEndpoint))
            .build();
    List<ResourceRecordSet> made =
        List.of(
            routed,
            routed.toBuilder().name(pair + ".").build(),
            routed.toBuilder().name(pair + ".").setIdentifier("standby").weight(0L).build());
    made.forEach(s -> upsert(zoneId, s));
    try {
      DatabasePointer pointer = new DatabasePointer(name, "mycomputer.internal", null);
      PointerMove move = pointers.move(pointer, null, primaryEndpoint, STANDBY);
      assertTrue(move.changed());
      assertEquals(
          Map.of(
              "TTL", "30",
              "SetIdentifier", "eu",
              "Weight", "100",
              "HealthCheckId", "0e1f2a3b-4c5d-6e7f-8091-a2b3c4d5e6f7"),
          move.after().kept());
      assertEquals(
          routed.toBuilder().resourceRecords(r -> r.value(STANDBY)).build(),
          cnameSet(zoneId, name));
      refused(
          PointerFailures.NOT_SIMPLE,
          () ->
              pointers.move(new DatabasePointer(pair, null, null), null, primaryEndpoint, STANDBY));
      assertEquals(
          made.subList(1, 3), setsNamed(zoneId, pair), "the weighted pair is as it was made");
    } finally {
      for (String n : List.of(name, pair)) {
        for (ResourceRecordSet s : setsNamed(zoneId, n)) {
          route53.changeResourceRecordSets(
              r ->
                  r.hostedZoneId(zoneId)
                      .changeBatch(
                          b -> b.changes(c -> c.action(ChangeAction.DELETE).resourceRecordSet(s))));
        }
      }
    }
  }

  @Test
  void aParameterMovesKeepingItsFieldsThenStaysThenRefusesAnotherExpectation() {
    String name = "/dr-runbooks-test/" + SandboxAws.uniqueName("pointer") + "/database-host";
    ssm.putParameter(
        r ->
            r.name(name)
                .type(ParameterType.STRING)
                .value(primaryEndpoint)
                .tier(ParameterTier.STANDARD)
                .dataType("text")
                .allowedPattern("^[a-z0-9.-]+$")
                .description("dr-runbooks test: a database endpoint"));
    try {
      DatabasePointer pointer = new DatabasePointer(null, null, name);
      PointerValue read = pointers.read(pointer, PRIMARY);
      assertEquals(
          new PointerValue(
              "parameter",
              name,
              PRIMARY,
              primaryEndpoint,
              Map.of(
                  "Type", "String",
                  "Tier", "Standard",
                  "DataType", "text",
                  "AllowedPattern", "^[a-z0-9.-]+$",
                  "Description", "dr-runbooks test: a database endpoint"),
              1L),
          read);

      PointerMove move = pointers.move(pointer, PRIMARY, primaryEndpoint, STANDBY);
      assertTrue(move.changed());
      assertNull(move.changeId());
      assertEquals(read, move.before());
      assertEquals(STANDBY, move.after().value());
      assertEquals(read.kept(), move.after().kept());
      assertEquals(2L, move.after().version());

      assertFalse(pointers.move(pointer, PRIMARY, primaryEndpoint, STANDBY).changed());
      refused(
          PointerFailures.NOT_AS_EXPECTED,
          () -> pointers.move(pointer, PRIMARY, primaryEndpoint, "third.example.internal"));
      assertEquals(2L, ssm.getParameter(r -> r.name(name)).parameter().version(), "no write");
    } finally {
      ssm.deleteParameter(r -> r.name(name));
    }
  }

  @Test
  void aSecureStringOrMissingParameterIsRefused() {
    String name = "/dr-runbooks-test/" + SandboxAws.uniqueName("pointer") + "/secure-host";
    ssm.putParameter(r -> r.name(name).type(ParameterType.SECURE_STRING).value(primaryEndpoint));
    try {
      refused(
          PointerFailures.NOT_SIMPLE,
          () ->
              pointers.move(
                  new DatabasePointer(null, null, name), PRIMARY, primaryEndpoint, STANDBY));
      assertEquals(1L, ssm.getParameter(r -> r.name(name)).parameter().version());
    } finally {
      ssm.deleteParameter(r -> r.name(name));
    }
    refused(
        PointerFailures.NOT_FOUND,
        () -> pointers.read(new DatabasePointer(null, null, name), PRIMARY));
  }

  // ---- helpers (test code: not recorded as the worker's calls)
  // ------------------------------------

  private String zoneId() {
    return route53.listHostedZonesByName(r -> r.dnsName(SEEDED.hostedZone())).hostedZones().stream()
        .filter(z -> z.name().equals(SEEDED.hostedZone() + "."))
        .findFirst()
        .orElseThrow()
        .id()
        .replace("/hostedzone/", "");
  }

  private List<ResourceRecordSet> setsNamed(String zoneId, String name) {
    return route53
        .listResourceRecordSets(r -> r.hostedZoneId(zoneId).startRecordName(name))
        .resourceRecordSets()
        .stream()
        .filter(s -> s.name().equals(name + "."))
        .toList();
  }

  private ResourceRecordSet cnameSet(String zoneId, String name) {
    List<ResourceRecordSet> sets =
        setsNamed(zoneId, name).stream().filter(s -> s.typeAsString().equals("CNAME")).toList();
    assertEquals(1, sets.size(), sets.toString());
    return sets.get(0);
  }

  private void upsert(String zoneId, ResourceRecordSet set) {
    route53.changeResourceRecordSets(
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
}
