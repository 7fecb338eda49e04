package dev.drrunbooks.gateway.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import java.util.List;

/**
 * The remote codec protocol's body: a {@code Payloads} message in protobuf's JSON mapping ({@code
 * {"payloads":[{"metadata":{"encoding":"<base64>"},"data":"<base64>"}]}}), as
 * https://github.com/temporalio/samples-go/blob/main/codec-server/protocol.md specifies.
 */
final class PayloadsJson {
  private PayloadsJson() {}

  /**
   * @throws IllegalArgumentException when the body is not a Payloads message
   */
  static List<Payload> read(String body) {
    Payloads.Builder b = Payloads.newBuilder();
    try {
      JsonFormat.parser().ignoringUnknownFields().merge(body, b);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new IllegalArgumentException(
          "the body is not a Payloads message in protobuf JSON ({\"payloads\":[...]})");
    }
    return b.getPayloadsList();
  }

  static String write(List<Payload> payloads) {
    try {
      return JsonFormat.printer()
          .omittingInsignificantWhitespace()
          .print(Payloads.newBuilder().addAllPayloads(payloads).build());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot print payloads as JSON", e);
    }
  }
}
