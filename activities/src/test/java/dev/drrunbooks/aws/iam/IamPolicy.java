package dev.drrunbooks.aws.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An IAM identity policy read for its actions: which statements allow which action patterns. A
 * recorded call is "allowed" when an Allow statement's Action matches it as IAM matches actions:
 * case-insensitively, {@code *} any run of characters and {@code ?} one character
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html).
 * Resources and conditions are not evaluated here (the sandbox's emulator does not enforce IAM).
 * NotAction and Deny statements are refused: the worker's policy has none, and matching them
 * honestly would need the resources.
 */
public record IamPolicy(Path file, List<Statement> statements) {

  /** One statement: its Sid, Effect, Action patterns, Resource patterns and raw Condition. */
  public record Statement(
      String sid,
      String effect,
      List<String> actions,
      List<String> resources,
      JsonNode condition) {}

  public static IamPolicy read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("reading IAM policy " + file, e);
    }
    if (!"2012-10-17".equals(root.path("Version").asText())) {
      throw new IllegalArgumentException(
          file + ": Version is '" + root.path("Version").asText() + "'; allowed: 2012-10-17");
    }
    List<Statement> statements = new ArrayList<>();
    for (JsonNode s : root.path("Statement")) {
      String sid = s.path("Sid").asText("(no Sid)");
      if (s.has("NotAction") || s.has("NotResource")) {
        throw new IllegalArgumentException(
            file + ": statement " + sid + " uses NotAction/NotResource; allowed: Action, Resource");
      }
      String effect = s.path("Effect").asText();
      if (!effect.equals("Allow")) {
        throw new IllegalArgumentException(
            file + ": statement " + sid + " has Effect '" + effect + "'; allowed: Allow");
      }
      statements.add(
          new Statement(
              sid,
              effect,
              strings(s.path("Action")),
              strings(s.path("Resource")),
              s.get("Condition")));
    }
    return new IamPolicy(file, List.copyOf(statements));
  }

  /** Every Action pattern of every statement, in order, duplicates kept once. */
  public List<String> actionPatterns() {
    return statements.stream().flatMap(s -> s.actions().stream()).distinct().toList();
  }

  /** The Sids of the statements whose Action matches {@code action}. */
  public List<String> statementsAllowing(String action) {
    return statements.stream()
        .filter(s -> s.actions().stream().anyMatch(p -> matches(p, action)))
        .map(Statement::sid)
        .toList();
  }

  public boolean allows(String action) {
    return !statementsAllowing(action).isEmpty();
  }

  /** IAM's action matching: case-insensitive, {@code *} and {@code ?} wildcards. */
  public static boolean matches(String pattern, String action) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if (c == '*') regex.append(".*");
      else if (c == '?') regex.append('.');
      else regex.append(Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
        .matcher(action.toLowerCase(Locale.ROOT))
        .matches();
  }

  private static List<String> strings(JsonNode node) {
    if (node.isTextual()) return List.of(node.asText());
    List<String> out = new ArrayList<>();
    node.forEach(n -> out.add(n.asText()));
    return out;
  }
}
