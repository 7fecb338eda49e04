package dev.drrunbooks.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.drrunbooks.gateway.Refusal;

/**
 * The gateway's one JSON mapper, and body parsing that refuses with the reason instead of a trace.
 */
public final class Json {
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private Json() {}

  /**
   * @param what names the body in the message, e.g. "body" or "payload"
   * @throws Refusal 400 when it is not a JSON object
   */
  public static JsonNode object(String what, String text) {
    JsonNode node;
    try {
      node = text == null || text.isBlank() ? null : MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw Refusal.badRequest(
          what + ": not valid JSON (" + e.getOriginalMessage() + "); allowed: a JSON object");
    }
    if (node == null || !node.isObject())
      throw Refusal.badRequest(
          what + ": " + (node == null ? "empty" : node.getNodeType()) + "; allowed: a JSON object");
    return node;
  }

  /** A string field, or null when absent. @throws Refusal 400 when present but not a string */
  public static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual())
      throw Refusal.badRequest(field + ": " + v + " is not valid; allowed: a string");
    return v.asText();
  }

  /** A non-blank string field. @throws Refusal 400 when missing, blank or not a string */
  public static String required(JsonNode node, String field, String allowed) {
    String v = text(node, field);
    if (v == null || v.isBlank())
      throw Refusal.badRequest(field + ": missing; allowed: " + allowed);
    return v.trim();
  }
}
