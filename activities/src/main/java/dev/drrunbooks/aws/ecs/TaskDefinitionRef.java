package dev.drrunbooks.aws.ecs;

import dev.drrunbooks.model.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an operator or the catalog names a task definition by: an ARN, {@code family:revision}
 * ({@code inventory-service:2}), {@code family:label} ({@code inventory-service:stable}, the
 * runbook's form, which ECS itself does not understand) or a bare {@code family} (its newest ACTIVE
 * revision).
 */
record TaskDefinitionRef(String text, String family, Integer revision, String label) {
  /** ECS: up to 255 letters, numbers, underscores and hyphens. */
  private static final Pattern FAMILY = Pattern.compile("[A-Za-z0-9_-]{1,255}");

  private static final Pattern ARN =
      Pattern.compile("arn:[^:]+:ecs:[^:]*:[^:]*:task-definition/([A-Za-z0-9_-]{1,255}):(\\d+)");
  private static final Pattern REVISION = Pattern.compile("\\d{1,9}");

  static TaskDefinitionRef parse(String text) {
    if (text == null || text.isBlank()) {
      throw invalid(
          "taskDefinition is required: family:revision (inventory-service:2), family:label "
              + "(inventory-service:stable) or a task definition ARN; it was "
              + (text == null ? "missing" : "blank"));
    }
    String t = text.trim();
    if (t.startsWith("arn:")) {
      Matcher m = ARN.matcher(t);
      if (!m.matches()) {
        throw invalid(
            "taskDefinition '"
                + t
                + "' is not a task definition ARN "
                + "(arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>)");
      }
      return new TaskDefinitionRef(t, m.group(1), Integer.valueOf(m.group(2)), null);
    }
    int colon = t.lastIndexOf(':');
    String family = colon < 0 ? t : t.substring(0, colon);
    String suffix = colon < 0 ? null : t.substring(colon + 1);
    if (!FAMILY.matcher(family).matches()) {
      throw invalid(
          "taskDefinition '"
              + t
              + "': family '"
              + family
              + "' must be 1 to 255 letters, numbers, "
              + "underscores or hyphens");
    }
    if (suffix == null) return new TaskDefinitionRef(t, family, null, null);
    if (suffix.isEmpty())
      throw invalid("taskDefinition '" + t + "' has nothing after ':' (a revision or a label)");
    if (REVISION.matcher(suffix).matches()) {
      int revision = Integer.parseInt(suffix);
      if (revision < 1)
        throw invalid("taskDefinition '" + t + "': revision must be 1 or more, was " + revision);
      return new TaskDefinitionRef(t, family, revision, null);
    }
    return new TaskDefinitionRef(t, family, null, suffix);
  }

  boolean isLabel() {
    return label != null;
  }

  /** An ARN or family:revision: ECS can describe it as is. */
  boolean isExact() {
    return revision != null;
  }

  /** {@code family:revision}, also for an ARN; null for a label or a bare family. */
  String familyRevision() {
    return revision == null ? null : family + ":" + revision;
  }

  /**
   * {@code family:revision} of a task definition ARN (or of such a string), else the text as is.
   */
  static String familyRevisionOf(String arnOrName) {
    if (arnOrName == null) return null;
    int slash = arnOrName.lastIndexOf('/');
    return slash < 0 ? arnOrName : arnOrName.substring(slash + 1);
  }

  /** The revision number in an ARN or family:revision, or -1. */
  static int revisionOf(String arnOrName) {
    String fr = familyRevisionOf(arnOrName);
    int colon = fr == null ? -1 : fr.lastIndexOf(':');
    if (colon < 0) return -1;
    try {
      return Integer.parseInt(fr.substring(colon + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The family in an ARN or family:revision. */
  static String familyOf(String arnOrName) {
    String fr = familyRevisionOf(arnOrName);
    int colon = fr == null ? -1 : fr.lastIndexOf(':');
    return colon < 0 ? fr : fr.substring(0, colon);
  }

  private static ApplicationFailure invalid(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, FailureType.INVALID_INPUT.type());
  }
}
