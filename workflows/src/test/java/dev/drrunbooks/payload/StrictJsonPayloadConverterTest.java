package dev.drrunbooks.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.drrunbooks.approval.Approval;
import dev.drrunbooks.failover.Direction;
import dev.drrunbooks.failover.DnsFailoverInput;
import dev.drrunbooks.incident.Acknowledgement;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.pitr.PointInTimeRestoreInput;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.failure.v1.Failure;
import io.temporal.common.converter.DataConverterException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The one reader of workflow inputs: what it accepts, and the one line it gives for what it does
 * not.
 */
class StrictJsonPayloadConverterTest {
  private final StrictJsonPayloadConverter converter = new StrictJsonPayloadConverter();

  @Test
  void aValidInputIsReadWithEnumsInAnyCase() {
    DnsFailoverInput in =
        StrictJsonPayloadConverter.readInput(
            bytes(
                "{\"service\": \"inventory\", \"direction\": \"failback\", \"stages\": [10, 100]}"),
            DnsFailoverInput.class);
    assertEquals(Direction.FAILBACK, in.direction());
    assertEquals(java.util.List.of(10, 100), in.stages());
  }

  @Test
  void aNumberForAnEnumIsNotValid() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                StrictJsonPayloadConverter.readInput(
                    bytes("{\"service\": \"inventory\", \"direction\": 1}"),
                    DnsFailoverInput.class));
    assertTrue(e.getMessage().startsWith("direction: "), e.getMessage());
    assertTrue(e.getMessage().endsWith("allowed: one of FAILOVER, FAILBACK"), e.getMessage());
  }

  @Test
  void blankOrBrokenJsonIsNotValid() {
    assertTrue(
        assertThrows(
                InvalidInputException.class,
                () ->
                    StrictJsonPayloadConverter.readInput(
                        bytes("  "), PointInTimeRestoreInput.class))
            .getMessage()
            .startsWith(
                "input: nothing is not valid; allowed: a JSON object "
                    + "with fields dbParameterGroup, dbSubnetGroup, incidentTime, "));
    assertTrue(
        assertThrows(
                InvalidInputException.class,
                () ->
                    StrictJsonPayloadConverter.readInput(
                        bytes("{\"service\": tru}"), PointInTimeRestoreInput.class))
            .getMessage()
            .startsWith("input: not valid JSON ("));
  }

  @Test
  void aWrongTypeForANumberOrAStringIsNamed() {
    assertEquals(
        "probes: 'three' is not valid; allowed: a number",
        assertThrows(
                InvalidInputException.class,
                () ->
                    StrictJsonPayloadConverter.readInput(
                        bytes("{\"service\": \"inventory\", \"probes\": \"three\"}"),
                        DnsFailoverInput.class))
            .getMessage());
    String object =
        assertThrows(
                InvalidInputException.class,
                () ->
                    StrictJsonPayloadConverter.readInput(
                        bytes("{\"service\": {\"name\": \"inventory\"}}"),
                        PointInTimeRestoreInput.class))
            .getMessage();
    assertEquals("service: {\"name\":\"inventory\"} is not valid; allowed: a string", object);
  }

  @Test
  void aStringWhereAListBelongs() {
    assertEquals(
        "stages: \"10,50\" is not valid; allowed: a JSON array",
        assertThrows(
                InvalidInputException.class,
                () ->
                    StrictJsonPayloadConverter.readInput(
                        bytes("{\"service\": \"inventory\", \"stages\": \"10,50\"}"),
                        DnsFailoverInput.class))
            .getMessage());
  }

  @Test
  void aValueOfEightyCharactersIsShownWhole() {
    String eighty = "y".repeat(78); // 80 with its quotes
    String message =
        assertThrows(
                InvalidInputException.class,
                () ->
                    StrictJsonPayloadConverter.readInput(
                        bytes("{\"service\": \"inventory\", \"stages\": \"" + eighty + "\"}"),
                        DnsFailoverInput.class))
            .getMessage();
    assertTrue(message.startsWith("stages: \"" + eighty + "\" is not valid"), message);
  }

  @Test
  void aLongValueIsShortenedInTheMessage() {
    String longName = "x".repeat(200);
    String message =
        assertThrows(
                InvalidInputException.class,
                () ->
                    StrictJsonPayloadConverter.readInput(
                        bytes(
                            "{\"service\": \"inventory\", \"" + "probes\": \"" + longName + "\"}"),
                        DnsFailoverInput.class))
            .getMessage();
    assertTrue(message.length() < 150, message);
    assertTrue(message.contains("xxx...'"), message);
  }

  @Test
  void anythingButAWorkflowInputFailsAsAPlainConverterErrorWithTheSameMessage() {
    DataConverterException e =
        assertThrows(
            DataConverterException.class,
            () ->
                converter.fromData(
                    json("{\"who\": \"erin\", \"why\": \"paged\", \"bogus\": 1}"),
                    Acknowledgement.class,
                    Acknowledgement.class));
    assertTrue(!(e instanceof InvalidInputException), "an Update's argument must not fail the run");
    assertTrue(
        e.getMessage()
            .startsWith("bogus: unknown field (value 1); allowed fields of Acknowledgement: "),
        e.getMessage());
    assertNull(
        converter.fromData(json("null"), Acknowledgement.class, Acknowledgement.class),
        "null is its own answer");
    assertNull(
        converter.fromData(
            Payload.newBuilder().build(),
            PointInTimeRestoreInput.class,
            PointInTimeRestoreInput.class),
        "no payload at all: the workflow's own defaults decide");
  }

  @Test
  void instantsAndApprovalsRoundTrip() {
    Instant at = Instant.parse("2026-11-30T12:00:00Z");
    assertEquals(
        at, converter.fromData(converter.toData(at).orElseThrow(), Instant.class, Instant.class));
    Approval a =
        converter.fromData(
            json("{\"step\": \"s\", \"who\": \"w\", \"why\": \"y\"}"),
            Approval.class,
            Approval.class);
    assertEquals(new Approval("s", "w", "y"), a);
    assertEquals(
        "{\"step\":\"s\",\"who\":\"w\",\"why\":\"y\"}",
        converter.toData(a).orElseThrow().getData().toStringUtf8(),
        "no problem field on a good answer");
  }

  @Test
  void anInvalidInputIsRecordedAsANonRetryableInvalidInputFailure() {
    Failure failure =
        new InvalidInputFailureConverter()
            .exceptionToFailure(new InvalidInputException("service: bad"), DrDataConverter.get());
    assertEquals("service: bad", failure.getMessage());
    assertEquals(FailureType.INVALID_INPUT.type(), failure.getApplicationFailureInfo().getType());
    assertTrue(failure.getApplicationFailureInfo().getNonRetryable());
    assertEquals("", failure.getStackTrace(), "no converter frames under the operator's mistake");
    Failure other =
        new InvalidInputFailureConverter()
            .exceptionToFailure(new IllegalStateException("boom"), DrDataConverter.get());
    assertEquals("java.lang.IllegalStateException", other.getApplicationFailureInfo().getType());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Payload json(String s) {
    return Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8(s))
        .build();
  }
}
