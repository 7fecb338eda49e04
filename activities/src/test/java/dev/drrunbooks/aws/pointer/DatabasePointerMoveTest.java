package dev.drrunbooks.aws.pointer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.pointer.DatabasePointerActivities;
import dev.drrunbooks.activities.pointer.PointerMove;
import dev.drrunbooks.activities.pointer.PointerValue;
import dev.drrunbooks.catalog.DatabasePointer;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;

/**
 * The pointer's compare-and-set on scripted Route 53 and Parameter Store clients ({@link
 * ScriptedPointerAws}, which cites the AWS pages it models): every branch of the move, the refusals
 * that must not write, someone else's write between ours and the read-back, and what is sent back
 * on UPSERT and PutParameter.
 */
class DatabasePointerMoveTest {
  static final String OLD = "mycomputer-payments-db.abc123.eu-west-1.rds.amazonaws.com";
  static final String NEW = "mycomputer-payments-db-replica.def456.eu-central-1.rds.amazonaws.com";
  static final String OTHER = "someone-elses-db.xyz789.eu-west-1.rds.amazonaws.com";
  static final String NAME = "payments-db.mycomputer.internal";
  static final String PARAM = "/mycomputer/payments/database-host";
  static final String REGION = "eu-west-1";
  static final DatabasePointer CNAME = new DatabasePointer(NAME, "mycomputer.internal", null);
  static final DatabasePointer CNAME_BY_SUFFIX = new DatabasePointer(NAME, null, null);
  static final DatabasePointer PARAMETER = new DatabasePointer(null, null, PARAM);

  private ScriptedPointerAws aws;
  private DatabasePointerActivitiesImpl pointers;
  private String zoneId;

  @BeforeEach
  void setUp() {
    aws = new ScriptedPointerAws();
    aws.zone("ZPUBLIC", "mycomputer.com", false);
    zoneId = aws.zone("ZINTERNAL", "mycomputer.internal", true);
    pointers = new DatabasePointerActivitiesImpl(aws::route53, region -> aws.ssm());
  }

  private static ResourceRecordSet.Builder cname(String value) {
    return ResourceRecordSet.builder()
        .name(NAME + ".")
        .type("CNAME")
        .ttl(60L)
        .resourceRecords(r -> r.value(value));
  }

  private static ParameterMetadata.Builder string() {
    return ParameterMetadata.builder()
        .type(ParameterType.STRING)
        .tier(ParameterTier.ADVANCED)
        .dataType("text")
        .allowedPattern("^[a-z0-9.-]+$")
        .description("Payments: the database endpoint");
  }

  private static ApplicationFailure refused(String type, Executable call) {
    ApplicationFailure f = assertThrows(ApplicationFailure.class, call);
    assertEquals(type, f.getType(), f.getOriginalMessage());
    assertTrue(f.isNonRetryable(), f.getOriginalMessage());
    return f;
  }

  // ---- CNAME
  // --------------------------------------------------------------------------------------

  @Test
  void aCnameAlreadyAtTheTargetIsLeftUnchanged() {
    aws.put(zoneId, cname(NEW + ".").build()); // stored with a trailing dot, compared without
    PointerMove move = pointers.move(CNAME, REGION, OLD, NEW.toUpperCase());
    assertFalse(move.changed());
    assertNull(move.changeId());
    assertEquals(move.before(), move.after());
    assertEquals(NEW, move.before().value());
    assertTrue(aws.changes.isEmpty(), "nothing written");
  }

  @Test
  void aCnameHoldingSomeoneElsesValueIsRefusedAndNotWritten() {
    aws.put(zoneId, cname(OTHER).build());
    ApplicationFailure f =
        refused(PointerFailures.NOT_AS_EXPECTED, () -> pointers.move(CNAME, REGION, OLD, NEW));
    assertTrue(f.getOriginalMessage().contains(OTHER), f.getOriginalMessage());
    assertTrue(f.getOriginalMessage().contains(OLD), f.getOriginalMessage());
    assertTrue(f.getOriginalMessage().contains(NEW), f.getOriginalMessage());
    assertTrue(aws.changes.isEmpty());
  }

  @Test
  void weightedOrMultiValueOrAliasCnamesAreNotSimpleAndNotWritten() {
    aws.put(zoneId, cname(OLD).setIdentifier("primary").weight(100L).build());
    aws.put(zoneId, cname(NEW).setIdentifier("standby").weight(0L).build());
    refused(PointerFailures.NOT_SIMPLE, () -> pointers.move(CNAME, REGION, OLD, NEW));
    refused(PointerFailures.NOT_SIMPLE, () -> pointers.read(CNAME, REGION));

    setUp();
    aws.put(zoneId, cname(OLD).resourceRecords(r -> r.value(OLD), r -> r.value(OTHER)).build());
    refused(PointerFailures.NOT_SIMPLE, () -> pointers.move(CNAME, REGION, OLD, NEW));

    setUp();
    aws.put(
        zoneId,
        ResourceRecordSet.builder()
            .name(NAME + ".")
            .type("CNAME")
            .aliasTarget(a -> a.dnsName(OLD).hostedZoneId(zoneId).evaluateTargetHealth(false))
            .build());
    refused(PointerFailures.NOT_SIMPLE, () -> pointers.move(CNAME, REGION, OLD, NEW));
    assertTrue(aws.changes.isEmpty());
  }

  @Test
  void aMissingCnameOrZoneIsNotFound() {
    aws.put(
        zoneId,
        ResourceRecordSet.builder()
            .name(NAME + ".")
            .type("A")
            .ttl(60L)
            .resourceRecords(r -> r.value("10.0.0.1"))
            .build());
    ApplicationFailure f = refused(PointerFailures.NOT_FOUND, () -> pointers.read(CNAME, REGION));
    assertTrue(f.getOriginalMessage().contains("[A]"), f.getOriginalMessage());
    refused(
        PointerFailures.NOT_FOUND,
        () -> pointers.read(new DatabasePointer(NAME, "elsewhere.internal", null), REGION));
    refused(
        PointerFailures.NOT_FOUND,
        () -> pointers.read(new DatabasePointer("db.nowhere.example", null, null), REGION));
  }

  @Test
  void theZoneIsTheOneTheNameEndsWithAndSeveralOfThatNameAreRefused() {
    aws.put(zoneId, cname(OLD).build());
    assertEquals(OLD, pointers.read(CNAME_BY_SUFFIX, REGION).value());
    aws.zone("ZINTERNAL2", "mycomputer.internal", true); // a second VPC's private zone
    refused(PointerFailures.ZONE_AMBIGUOUS, () -> pointers.read(CNAME_BY_SUFFIX, REGION));
  }

  @Test
  void theBatchDeletesTheSetAsListedAndCreatesItWithOnlyItsValueChanged() {
    ResourceRecordSet listed =
        cname(OLD).ttl(30L).setIdentifier("eu").region("eu-west-1").healthCheckId("hc-db").build();
    aws.put(zoneId, listed);
    PointerMove move = pointers.move(CNAME_BY_SUFFIX, REGION, OLD + ".", NEW);
    assertTrue(move.changed());
    assertEquals("C1", move.changeId());
    assertEquals(1, aws.changes.size());
    List<Change> batch = aws.changes.get(0).changeBatch().changes();
    assertEquals(
        List.of(ChangeAction.DELETE, ChangeAction.CREATE),
        batch.stream().map(Change::action).toList(),
        "a compare-and-set Route 53 enforces, not an UPSERT");
    assertEquals(listed, batch.get(0).resourceRecordSet(), "the set exactly as listed");
    ResourceRecordSet sent = batch.get(1).resourceRecordSet();
    assertEquals(listed.toBuilder().resourceRecords(r -> r.value(NEW)).build(), sent);
    assertEquals(
        Map.of(
            "TTL", "30",
            "SetIdentifier", "eu",
            "Region", "eu-west-1",
            "HealthCheckId", "hc-db"),
        move.before().kept());
    assertEquals(move.before().kept(), move.after().kept());
    assertEquals(NEW, move.after().value());
    assertEquals(List.of(sent), aws.setsOf(zoneId));
  }

  @Test
  void aCnameChangedByOthersBetweenTheReadAndTheWriteIsRefusedByRoute53AndKeptAsTheyLeftIt() {
    aws.put(zoneId, cname(OLD).build());
    ResourceRecordSet theirs = cname(OLD).ttl(300L).build();
    aws.beforeChange = () -> aws.put(zoneId, theirs);
    ApplicationFailure f =
        refused(PointerFailures.NOT_AS_EXPECTED, () -> pointers.move(CNAME, REGION, OLD, NEW));
    assertTrue(
        f.getOriginalMessage().contains("changed after it was read"), f.getOriginalMessage());
    assertTrue(f.getOriginalMessage().contains("do not match"), f.getOriginalMessage());
    assertEquals(List.of(theirs), aws.setsOf(zoneId), "their TTL kept, our value not written");
  }

  @Test
  void aCnameChangedByOthersBeforeTheReadBackIsReported() {
    aws.put(zoneId, cname(OLD).build());
    aws.afterChange = () -> aws.put(zoneId, cname(NEW).ttl(300L).build());
    ApplicationFailure f =
        refused(PointerFailures.CHANGED_ELSEWHERE, () -> pointers.move(CNAME, REGION, OLD, NEW));
    assertTrue(f.getOriginalMessage().contains("TTL was '60', is '300'"), f.getOriginalMessage());

    setUp();
    aws.put(zoneId, cname(OLD).build());
    aws.afterChange = () -> aws.put(zoneId, cname(OTHER).build());
    f = refused(PointerFailures.CHANGED_ELSEWHERE, () -> pointers.move(CNAME, REGION, OLD, NEW));
    assertTrue(f.getOriginalMessage().contains("value is " + OTHER), f.getOriginalMessage());
  }

  // ---- parameter
  // ----------------------------------------------------------------------------------

  @Test
  void secureStringAndStringListParametersAreRefusedAndNotWritten() {
    aws.parameter(PARAM, "AQICAHh...encrypted", string().type(ParameterType.SECURE_STRING).build());
    refused(PointerFailures.NOT_SIMPLE, () -> pointers.move(PARAMETER, REGION, OLD, NEW));
    aws.parameter(PARAM, OLD + "," + OTHER, string().type(ParameterType.STRING_LIST).build());
    refused(PointerFailures.NOT_SIMPLE, () -> pointers.read(PARAMETER, REGION));
    assertTrue(aws.puts.isEmpty());
  }

  @Test
  void aMissingParameterIsNotFoundAndARegionIsRequired() {
    refused(PointerFailures.NOT_FOUND, () -> pointers.read(PARAMETER, REGION));
    refused("InvalidInput", () -> pointers.read(PARAMETER, null));
  }

  @Test
  void aParameterAlreadyAtTheTargetOrAtSomeoneElsesValueIsNotWritten() {
    aws.parameter(PARAM, NEW, string().build());
    PointerMove move = pointers.move(PARAMETER, REGION, OLD, NEW);
    assertFalse(move.changed());
    assertEquals(1L, move.after().version());
    aws.parameter(PARAM, OTHER, string().build());
    refused(PointerFailures.NOT_AS_EXPECTED, () -> pointers.move(PARAMETER, REGION, OLD, NEW));
    assertTrue(aws.puts.isEmpty());
    assertEquals(OTHER, aws.valueOf(PARAM));
  }

  @Test
  void thePutSendsBackTypeTierDataTypePatternAndDescription() {
    aws.parameter(PARAM, OLD, string().build());
    PointerMove move = pointers.move(PARAMETER, REGION, OLD, NEW);
    assertTrue(move.changed());
    assertNull(move.changeId());
    PutParameterRequest put = aws.puts.get(0);
    assertEquals(PARAM, put.name());
    assertEquals(NEW, put.value());
    assertEquals(true, put.overwrite());
    assertEquals(ParameterType.STRING, put.type());
    assertEquals(ParameterTier.ADVANCED, put.tier());
    assertEquals("text", put.dataType());
    assertEquals("^[a-z0-9.-]+$", put.allowedPattern());
    assertEquals("Payments: the database endpoint", put.description());
    assertEquals(
        Map.of(
            "Type", "String",
            "Tier", "Advanced",
            "DataType", "text",
            "AllowedPattern", "^[a-z0-9.-]+$",
            "Description", "Payments: the database endpoint"),
        move.before().kept());
    assertEquals(move.before().kept(), move.after().kept());
    assertEquals(1L, move.before().version());
    assertEquals(2L, move.after().version());
    assertEquals(NEW, aws.valueOf(PARAM));
  }

  @Test
  void aParameterWrittenAgainBeforeTheReadBackIsReported() {
    aws.parameter(PARAM, OLD, string().build());
    aws.afterPut = () -> aws.overwriteElsewhere(PARAM, NEW); // same value, a later version
    ApplicationFailure f =
        refused(
            PointerFailures.CHANGED_ELSEWHERE, () -> pointers.move(PARAMETER, REGION, OLD, NEW));
    assertTrue(
        f.getOriginalMessage().contains("another write followed it"), f.getOriginalMessage());
  }

  // ---- through Temporal
  // ---------------------------------------------------------------------------

  @Test
  void theMoveAndItsRefusalCrossTemporalAsTheInterfaceSays() {
    aws.put(zoneId, cname(OLD).build());
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(pointers);
      DatabasePointerActivities stub =
          env.newActivityStub(
              DatabasePointerActivities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofMinutes(1))
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
                  .build());
      PointerMove move = stub.move(CNAME, REGION, OLD, NEW);
      PointerValue after = move.after();
      assertEquals(new PointerValue("cname", NAME, null, NEW, Map.of("TTL", "60"), null), after);
      assertTrue(move.changed());
      assertFalse(stub.move(CNAME, REGION, OLD, NEW).changed(), "a retry changes nothing");
      ActivityFailure f =
          assertThrows(ActivityFailure.class, () -> stub.move(CNAME, REGION, OTHER, OLD));
      assertEquals(PointerFailures.NOT_AS_EXPECTED, ((ApplicationFailure) f.getCause()).getType());
      assertEquals(1, aws.changes.size(), "one write in all, no retry of a refusal");
    } finally {
      env.close();
    }
  }
}
