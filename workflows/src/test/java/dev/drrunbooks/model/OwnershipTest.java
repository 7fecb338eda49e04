package dev.drrunbooks.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnershipTest {
  private final Ownership run =
      new Ownership("pitr-inventory-20261130T120000Z-k3f9", "run-1", "pitr");

  @Test
  void theCreatingRunOwnsWhatItTagged() {
    assertTrue(run.owns(run.tags()));
    assertEquals("run-1", run.tags().get(Ownership.RUN_TAG));
  }

  @Test
  void anotherRunOfTheSameWorkflowIdDoesNot() {
    assertFalse(new Ownership(run.workflowId(), "run-2", "pitr").owns(run.tags()));
  }

  @Test
  void anotherWorkflowIdOrAMissingCreatorTagDoesNot() {
    assertFalse(new Ownership("pitr-inventory-other", "run-1", "pitr").owns(run.tags()));
    Map<String, String> noCreator = new HashMap<>(run.tags());
    noCreator.remove(Ownership.CREATED_BY_TAG);
    assertFalse(run.owns(noCreator));
    assertFalse(run.owns(null));
    Map<String, String> noRun = new HashMap<>(run.tags());
    noRun.remove(Ownership.RUN_TAG);
    assertFalse(run.owns(noRun), "a resource without a run tag belongs to no run with a token");
  }

  @Test
  void aRunFromBeforeRunTokensMatchesByWorkflowIdAlone() {
    Ownership legacy = new Ownership(run.workflowId(), "pitr");
    assertTrue(legacy.owns(run.tags()));
    assertFalse(legacy.tags().containsKey(Ownership.RUN_TAG));
    assertEquals(
        "created-by=dr-runbooks, dr-runbooks:workflow-id=" + run.workflowId(),
        legacy.requiredTags());
    assertTrue(run.requiredTags().endsWith(", dr-runbooks:run-id=run-1"), run.requiredTags());
  }
}
