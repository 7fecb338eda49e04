package dev.drrunbooks.payload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One-line explanations of JSON that does not fit a type, in the form every dr-runbooks client uses
 * for bad input: {@code <field>: '<value>' is not valid; allowed: <what>}. The field is a path
 * ({@code validationQueries[0].expect}), {@code input} for the whole document.
 */
public final class JsonInputErrors {
  private static final int MAX_VALUE_CHARS = 80;

  private JsonInputErrors() {}

  /**
   * @param e what Jackson reported while reading {@code json} as {@code type}
   * @return e.g. {@code bogus: unknown field (value 1); allowed fields: incidentTime, restoreTime,
   *     service}
   */
  public static String describe(
      JsonProcessingException e, ObjectMapper mapper, byte[] json, Class<?> type) {
    if (!(e instanceof JsonMappingException m))
      return "input: not valid JSON (" + e.getOriginalMessage() + ")";
    String field = path(m.getPath());
    String value = valueAt(mapper, json, m.getPath());
    if (e instanceof UnrecognizedPropertyException u) {
      return field
          + ": unknown field (value "
          + value
          + "); allowed fields"
          + ownerName(u)
          + ": "
          + sorted(u.getKnownPropertyIds());
    }
    if (e instanceof InvalidFormatException f) {
      return field
          + ": '"
          + plain(f.getValue())
          + "' is not valid; allowed: "
          + expected(mapper, f.getTargetType());
    }
    if (e instanceof MismatchedInputException mi && mi.getTargetType() != null) {
      return field
          + ": "
          + value
          + " is not valid; allowed: "
          + expected(mapper, mi.getTargetType());
    }
    return field + ": " + value + " is not valid (" + m.getOriginalMessage() + ")";
  }

  /**
   * What a value of {@code type} looks like: "true or false", "one of FAILOVER, FAILBACK", "a JSON
   * object with fields a, b".
   */
  public static String expected(ObjectMapper mapper, Class<?> type) {
    return expected(mapper, mapper.constructType(type));
  }

  static String expected(ObjectMapper mapper, JavaType type) {
    Class<?> raw = type.getRawClass();
    if (raw.isEnum()) {
      return "one of "
          + Arrays.stream(raw.getEnumConstants())
              .map(Object::toString)
              .collect(Collectors.joining(", "));
    }
    if (raw == Boolean.class || raw == boolean.class) return "true or false";
    if (Number.class.isAssignableFrom(raw) || (raw.isPrimitive() && raw != char.class))
      return "a number";
    if (raw == String.class) return "a string";
    if (type.isCollectionLikeType() || raw.isArray()) return "a JSON array";
    BeanDescription bean = mapper.getDeserializationConfig().introspect(type);
    List<String> fields =
        bean.findProperties().stream().map(BeanPropertyDefinition::getName).sorted().toList();
    return "a JSON object" + (fields.isEmpty() ? "" : " with fields " + String.join(", ", fields));
  }

  private static String ownerName(UnrecognizedPropertyException u) {
    return u.getReferringClass() == null ? "" : " of " + u.getReferringClass().getSimpleName();
  }

  private static String path(List<JsonMappingException.Reference> path) {
    StringBuilder s = new StringBuilder();
    for (JsonMappingException.Reference r : path) {
      if (r.getFieldName() != null) {
        if (s.length() > 0) s.append('.');
        s.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        s.append('[').append(r.getIndex()).append(']');
      }
    }
    return s.length() == 0 ? "input" : s.toString();
  }

  /** The JSON found at {@code path}, shortened, for the message; "?" when it cannot be found. */
  private static String valueAt(
      ObjectMapper mapper, byte[] json, List<JsonMappingException.Reference> path) {
    JsonNode node;
    try {
      node = mapper.readTree(json);
    } catch (IOException e) {
      return "?";
    }
    for (JsonMappingException.Reference r : path) {
      if (node == null) return "?";
      node = r.getFieldName() != null ? node.get(r.getFieldName()) : node.get(r.getIndex());
    }
    return node == null ? "?" : shorten(node.toString());
  }

  private static String plain(Object value) {
    return shorten(String.valueOf(value));
  }

  private static String shorten(String s) {
    return s.length() <= MAX_VALUE_CHARS ? s : s.substring(0, MAX_VALUE_CHARS - 3) + "...";
  }

  private static String sorted(Collection<Object> ids) {
    return ids.stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
  }
}
