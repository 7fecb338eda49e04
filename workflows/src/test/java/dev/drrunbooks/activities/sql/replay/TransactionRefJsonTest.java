package dev.drrunbooks.activities.sql.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Plans recorded before the ledger was declared in the catalog used the Inventory names; they still
 * read.
 */
class TransactionRefJsonTest {
  private static TransactionRef read(String json) {
    Payload p =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
            .setData(ByteString.copyFrom(json, StandardCharsets.UTF_8))
            .build();
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
        p, TransactionRef.class, TransactionRef.class);
  }

  @Test
  void oldAndNewNamesReadTheSame() {
    TransactionRef expected =
        new TransactionRef(3001, "T-3001", Instant.parse("2026-11-01T10:00:01Z"), 7, -2);
    assertEquals(
        expected,
        read(
            "{\"id\":3001,\"reference\":\"T-3001\",\"transactionDate\":\"2026-11-01T10:00:01Z\","
                + "\"itemId\":7,\"quantityDelta\":-2}"));
    assertEquals(
        expected,
        read(
            "{\"id\":3001,\"reference\":\"T-3001\",\"time\":\"2026-11-01T10:00:01Z\","
                + "\"balanceKey\":7,\"amount\":-2}"));
  }
}
