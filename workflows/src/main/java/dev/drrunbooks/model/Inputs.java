package dev.drrunbooks.model;

import dev.drrunbooks.catalog.Durations;
import dev.drrunbooks.catalog.GateDefault;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Parsing of what operators type into workflow inputs; a bad value ends the run at once with a
 * non-retryable failure naming the field, the value and what is allowed.
 */
public final class Inputs {
  private Inputs() {}

  public static ApplicationFailure invalid(String field, Object value, String allowed) {
    return ApplicationFailure.newNonRetryableFailure(
        field + ": '" + value + "' is not valid; " + allowed, FailureType.INVALID_INPUT.type());
  }

  /** True for a name shaped like an AWS region ({@code eu-west-1}, {@code us-gov-west-1}). */
  public static boolean isRegionName(String value) {
    return value != null && value.matches("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
  }

  /** An ISO-8601 instant such as 2024-01-15T03:30:00Z, or null when blank. */
  public static Instant instant(String field, String value) {
    if (value == null || value.isBlank()) return null;
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw invalid(field, value, "expected an ISO-8601 UTC instant such as 2024-01-15T03:30:00Z");
    }
  }

  /** A duration such as 30m, 2h or PT45M, or {@code fallback} when blank; must be positive. */
  public static Duration duration(String field, String value, Duration fallback) {
    if (value == null || value.isBlank()) return fallback;
    Duration d;
    try {
      d = Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw invalid(field, value, "expected a duration such as 30m, 2h or PT45M");
    }
    if (d.isNegative() || d.isZero()) throw invalid(field, value, "must be longer than zero");
    return d;
  }

  /**
   * An RDS identifier typed by an operator: letters, digits, single hyphens, starting with a
   * letter.
   */
  public static String rdsIdentifier(String field, String value) {
    if (value == null || value.isBlank()) return null;
    String v = value.trim();
    if (!v.matches("[a-zA-Z](?!.*--)[a-zA-Z0-9-]{0,62}") || v.endsWith("-")) {
      throw invalid(
          field,
          value,
          "an RDS identifier has 1 to 63 letters, digits or hyphens, starts with a letter, "
              + "and has no two hyphens in a row nor one at the end");
    }
    return v;
  }

  /**
   * VPC security group ids as RDS takes them ({@code sg-} and 8 or 17 hex digits); empty when null.
   */
  public static List<String> securityGroupIds(String field, List<String> ids) {
    if (ids == null) return List.of();
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (id == null || !id.matches("sg-([0-9a-f]{8}|[0-9a-f]{17})")) {
        throw invalid(
            field + "[" + i + "]",
            id,
            "a VPC security group id such as sg-0123456789abcdef0 (not a name)");
      }
    }
    return List.copyOf(ids);
  }

  /** What a gate does when nobody answers: abort or proceed; {@code fallback} when blank. */
  public static GateDefault gateDefault(String field, String typed, GateDefault fallback) {
    if (typed == null || typed.isBlank()) return fallback;
    return switch (typed.trim().toLowerCase()) {
      case "abort" -> GateDefault.ABORT;
      case "proceed" -> GateDefault.PROCEED;
      default -> throw invalid(field, typed, "allowed: abort, proceed");
    };
  }

  /** A catalog service key; blank allowed when {@code optional}. */
  public static String serviceKey(String field, String value, boolean optional) {
    if (value == null || value.isBlank()) {
      if (optional) return null;
      throw invalid(field, value, "a catalog service key such as inventory is required");
    }
    String v = value.trim();
    if (!v.matches("[a-z0-9][a-z0-9-]*")) {
      throw invalid(
          field,
          value,
          "a catalog service key: lower case letters, digits and '-', e.g. inventory");
    }
    return v;
  }
}
