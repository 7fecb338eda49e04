package dev.drrunbooks.aws.pointer;

import java.util.Locale;

/**
 * How pointer values compare: host names, so without a trailing dot and ignoring case (DNS names
 * are case-insensitive: RFC 4343).
 */
final class PointerValues {
  private PointerValues() {}

  static boolean same(String a, String b) {
    return a != null && b != null && bare(a).equals(bare(b));
  }

  /** Trimmed, lower case, without one trailing dot. */
  static String bare(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    return v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
  }

  /** As given, without a trailing dot: how {@code PointerValue.value} is reported. */
  static String withoutDot(String value) {
    return value != null && value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
  }
}
