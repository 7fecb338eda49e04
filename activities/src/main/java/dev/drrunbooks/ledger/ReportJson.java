package dev.drrunbooks.ledger;

import com.google.protobuf.ByteString;
import dev.drrunbooks.payload.DrDataConverter;
import dev.drrunbooks.report.RunReport;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.EncodingKeys;
import java.nio.charset.StandardCharsets;

/**
 * A report as the ledger's {@code runs.report} jsonb: the JSON of the workers' own data converter
 * ({@link DrDataConverter}, before any payload encryption), so what the ledger keeps reads back
 * exactly as a run's result does (instants as ISO-8601 strings, durations as seconds).
 */
public final class ReportJson {
  private static final ByteString JSON_PLAIN =
      ByteString.copyFrom("json/plain", StandardCharsets.UTF_8);

  private ReportJson() {}

  /**
   * @throws io.temporal.common.converter.DataConverterException when it cannot be written
   */
  public static String write(RunReport report) {
    return DrDataConverter.get().toPayload(report).orElseThrow().getData().toStringUtf8();
  }

  /** A report read back from the ledger's jsonb. */
  public static RunReport read(String json) {
    Payload payload =
        Payload.newBuilder()
            .putMetadata(EncodingKeys.METADATA_ENCODING_KEY, JSON_PLAIN)
            .setData(ByteString.copyFromUtf8(json))
            .build();
    return DrDataConverter.get().fromPayload(payload, RunReport.class, RunReport.class);
  }
}
