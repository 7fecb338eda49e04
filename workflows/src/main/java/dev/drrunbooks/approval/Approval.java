package dev.drrunbooks.approval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A person's or an incident bot's answer at a gate: which step, who, and why.
 *
 * <p>Read from any JSON: what does not fit ({@code {"step": 5}}, an unknown field, an array) is
 * kept as {@link #problem} instead of failing deserialization, because Temporal drops a signal
 * whose payload cannot be read without a trace in the run; this way the run records it as ignored,
 * and the Update validator rejects it, with the reason.
 *
 * @param problem why the payload is not a valid answer; null for a well-formed one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Approval(String step, String who, String why, String problem) {
  private static final Set<String> FIELDS = Set.of("step", "who", "why");

  public Approval(String step, String who, String why) {
    this(step, who, why, null);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static Approval fromJson(JsonNode json) {
    if (json == null || json.isNull()) return null;
    if (!json.isObject()) {
      return new Approval(
          null,
          null,
          null,
          "approval: "
              + json
              + " is not valid; allowed: a JSON object with "
              + "fields step, who, why");
    }
    List<String> problems = new ArrayList<>();
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name))
        problems.add(
            name
                + ": unknown field (value "
                + json.get(name)
                + "); allowed fields: step, who, why");
    }
    String step = text(json, "step", problems);
    String who = text(json, "who", problems);
    String why = text(json, "why", problems);
    return new Approval(step, who, why, problems.isEmpty() ? null : String.join("; ", problems));
  }

  private static String text(JsonNode json, String field, List<String> problems) {
    JsonNode v = json.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) {
      problems.add(field + ": " + v + " is not valid; allowed: a string");
      return null;
    }
    return v.asText();
  }
}
