package dev.drrunbooks.payload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverterException;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Temporal's JSON payload converter with strict reading: unknown fields, numbers for enums and
 * {@code null} where a workflow input belongs are errors, and every error reads as one line naming
 * the field, the value and what is allowed ({@link JsonInputErrors}). Enum values are matched
 * without regard to case ({@code "failback"} reads as {@code FAILBACK}).
 *
 * <p>A {@link RunInput} that cannot be read throws {@link InvalidInputException}, which fails the
 * run; anything else (an update's or activity's argument) throws a plain {@link
 * DataConverterException} with the same readable message, so an Update is rejected with it.
 */
public final class StrictJsonPayloadConverter extends JacksonJsonPayloadConverter {
  private static final StrictJsonPayloadConverter READER = new StrictJsonPayloadConverter();
  private final ObjectMapper mapper;

  public StrictJsonPayloadConverter() {
    this(strictMapper());
  }

  private StrictJsonPayloadConverter(ObjectMapper mapper) {
    super(mapper);
    this.mapper = mapper;
  }

  /**
   * Temporal's own default mapper (java.time, Optional, fields of records and classes), read
   * strictly.
   */
  static ObjectMapper strictMapper() {
    ObjectMapper mapper =
        JacksonJsonPayloadConverter.newDefaultObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    return mapper.setConfig(
        mapper.getDeserializationConfig().with(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS));
  }

  /**
   * Reads {@code json} as a workflow input exactly as a worker reads a start from the Temporal UI,
   * so a client can refuse bad input before it starts anything.
   *
   * @throws InvalidInputException naming the field, the value and what is allowed
   */
  public static <T extends RunInput> T readInput(byte[] json, Class<T> type) {
    if (new String(json, StandardCharsets.UTF_8).isBlank()) {
      throw new InvalidInputException(
          "input: nothing is not valid; allowed: "
              + JsonInputErrors.expected(READER.mapper, READER.mapper.constructType(type)));
    }
    return READER.fromData(
        Payload.newBuilder().setData(ByteString.copyFrom(json)).build(), type, type);
  }

  @Override
  public <T> T fromData(Payload content, Class<T> valueClass, Type valueType)
      throws DataConverterException {
    boolean runInput = RunInput.class.isAssignableFrom(valueClass);
    byte[] data = content.getData().toByteArray();
    if (data.length == 0) return null;
    JavaType type = mapper.getTypeFactory().constructType(valueType);
    T value;
    try {
      value = mapper.readValue(data, type);
    } catch (JsonProcessingException e) {
      String message = JsonInputErrors.describe(e, mapper, data, valueClass);
      throw runInput ? new InvalidInputException(message) : new DataConverterException(message, e);
    } catch (IOException e) {
      throw new DataConverterException(e);
    }
    if (value == null && runInput) {
      throw new InvalidInputException(
          "input: null is not valid; allowed: "
              + JsonInputErrors.expected(mapper, mapper.constructType(valueClass)));
    }
    return value;
  }
}
