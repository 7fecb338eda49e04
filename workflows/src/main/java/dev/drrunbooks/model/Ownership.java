package dev.drrunbooks.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which run created a resource. Every resource a run creates carries these tags, and nothing is
 * deleted or adopted unless its tags name that very run: a production instance never carries them,
 * and a run that happens to share a workflow id with an earlier one (a reused id, a reset) still
 * cannot touch the earlier run's work, because the run token differs.
 *
 * @param workflowId the creating run's workflow id, for people and tag searches
 * @param runToken the creating run's first execution run id: unique per start, kept across retries
 *     and resets of that run; null only for runs started before run tokens existed (those are
 *     matched by workflow id alone, as they were then)
 * @param procedure the creating procedure, e.g. {@code pitr}
 */
public record Ownership(String workflowId, String runToken, String procedure) {
  public static final String CREATED_BY_TAG = "created-by";
  public static final String CREATED_BY_VALUE = "dr-runbooks";
  public static final String WORKFLOW_TAG = "dr-runbooks:workflow-id";
  public static final String RUN_TAG = "dr-runbooks:run-id";
  public static final String PROCEDURE_TAG = "dr-runbooks:procedure";

  /**
   * Marks a resource a run created to outlive it on purpose (a service's standby replica): its
   * ownership tags still say which run made it, but {@code dr cleanup} of that run refuses to
   * delete it, whatever the run's end. Deleting it is a person's decision.
   */
  public static final String KEPT_TAG = "dr-runbooks:kept";

  /** {@link #KEPT_TAG}'s value on a standby read replica (dr standby-instantiate). */
  public static final String KEPT_STANDBY = "standby";

  /** The ownership of a run started before run tokens: matched by workflow id alone. */
  public Ownership(String workflowId, String procedure) {
    this(workflowId, null, procedure);
  }

  public Map<String, String> tags() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(CREATED_BY_TAG, CREATED_BY_VALUE);
    tags.put(WORKFLOW_TAG, workflowId);
    if (runToken != null) tags.put(RUN_TAG, runToken);
    tags.put(PROCEDURE_TAG, procedure);
    return tags;
  }

  /** True only when the tags say this run created the resource. */
  public boolean owns(Map<String, String> tags) {
    return tags != null
        && CREATED_BY_VALUE.equals(tags.get(CREATED_BY_TAG))
        && workflowId.equals(tags.get(WORKFLOW_TAG))
        && (runToken == null || runToken.equals(tags.get(RUN_TAG)));
  }

  /** For refusals: what the tags would have had to say. */
  public String requiredTags() {
    return CREATED_BY_TAG
        + "="
        + CREATED_BY_VALUE
        + ", "
        + WORKFLOW_TAG
        + "="
        + workflowId
        + (runToken == null ? "" : ", " + RUN_TAG + "=" + runToken);
  }
}
