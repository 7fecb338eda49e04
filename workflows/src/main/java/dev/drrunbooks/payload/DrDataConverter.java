package dev.drrunbooks.payload;

import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;

/**
 * The data converter of every dr-runbooks client: Temporal's default (payloads stay plain JSON, so
 * the Temporal UI and the temporal CLI read and write them), with workflow inputs read strictly and
 * bad ones reported as {@code InvalidInput}.
 */
public final class DrDataConverter {
  private static final DataConverter INSTANCE =
      DefaultDataConverter.newDefaultInstance()
          .withPayloadConverterOverrides(new StrictJsonPayloadConverter())
          .withFailureConverter(new InvalidInputFailureConverter());

  private DrDataConverter() {}

  public static DataConverter get() {
    return INSTANCE;
  }
}
