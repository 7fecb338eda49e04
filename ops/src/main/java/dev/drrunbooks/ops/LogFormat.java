package dev.drrunbooks.ops;

import java.util.Map;
import java.util.Set;

/**
 * DR_LOG_FORMAT chooses the console appender of the worker's and gateway's logback.xml: {@code
 * text} (default: a line per event, the SDK's MDC keys such as WorkflowId and RunId appended) or
 * {@code json} (one JSON object per line, every MDC key a field, for a log pipeline). The value is
 * the appender's name there, so anything else would log nothing: refused at start.
 */
public final class LogFormat {
  public static final String ENV = "DR_LOG_FORMAT";
  public static final Set<String> ALLOWED = Set.of("text", "json");

  private LogFormat() {}

  /**
   * @throws IllegalArgumentException naming the value and what is allowed
   */
  public static void check(Map<String, String> env) {
    String format = env.get(ENV);
    if (format == null || ALLOWED.contains(format)) return;
    throw new IllegalArgumentException(
        ENV + ": '" + format + "' is not valid; allowed: text or json");
  }
}
