package dev.drrunbooks.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which run created a resource. Every resource a run creates carries these tags, and nothing is
 * deleted unless its tags name the deleting run: a production instance never carries them.
 */
public record Ownership(String workflowId, String procedure) {
  public static final String CREATED_BY_TAG = "created-by";
  public static final String CREATED_BY_VALUE = "dr-runbooks";
  public static final String WORKFLOW_TAG = "dr-runbooks:workflow-id";
  public static final String PROCEDURE_TAG = "dr-runbooks:procedure";

  public Map<String, String> tags() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(CREATED_BY_TAG, CREATED_BY_VALUE);
    tags.put(WORKFLOW_TAG, workflowId);
    tags.put(PROCEDURE_TAG, procedure);
    return tags;
  }

  /** True only when the tags say this run created the resource. */
  public boolean owns(Map<String, String> tags) {
    return tags != null && CREATED_BY_VALUE.equals(tags.get(CREATED_BY_TAG)) && workflowId.equals(tags.get(WORKFLOW_TAG));
  }

  /** For refusals: what the tags would have had to say. */
  public String requiredTags() {
    return CREATED_BY_TAG + "=" + CREATED_BY_VALUE + ", " + WORKFLOW_TAG + "=" + workflowId;
  }
}
