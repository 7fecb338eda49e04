package dev.drrunbooks.aws.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * deploy/aws/iam/unexercised-actions.json: the actions the worker's policy allows that no test
 * records as a call, each with why it is still needed (an authorisation-only permission, a call the
 * sandbox's emulator cannot make).
 */
public final class UnexercisedActions {
  private UnexercisedActions() {}

  /** action to reason; refuses an entry without a reason. */
  public static Map<String, String> read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
    Map<String, String> out = new TreeMap<>();
    root.fields()
        .forEachRemaining(
            e -> {
              String reason = e.getValue().asText("").trim();
              if (reason.isEmpty()) {
                throw new IllegalArgumentException(
                    file + ": " + e.getKey() + " has no reason; allowed: a non-empty string");
              }
              out.put(e.getKey(), reason);
            });
    return out;
  }
}
