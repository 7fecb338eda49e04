package dev.drrunbooks.runcleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.ReplicaState;
import dev.drrunbooks.model.Ownership;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnershipProofTest {
  private static final List<EndedRun> RUNS =
      List.of(
          new EndedRun("drill-1", "t1", "DrDrillWorkflow", "TERMINATED"),
          new EndedRun("drill-1-restore-a", "t2", "SnapshotRestoreWorkflow", "CANCELED"),
          new EndedRun("drill-1-restore-b", "t3", "SnapshotRestoreWorkflow", "RUNNING"));
  private final OwnershipProof proof = new OwnershipProof(RUNS);

  @Test
  void theRunsOwnTagsProveItAndNameTheOwnerToCheckAgain() {
    OwnershipProof.Verdict v =
        proof.check(new Ownership("drill-1-restore-a", "t2", "snapshot-restore").tags());
    assertTrue(v.proven());
    assertEquals(new Ownership("drill-1-restore-a", "t2", "snapshot-restore"), v.owner());
    assertNull(v.refusal());
  }

  @Test
  void aMissingProcedureTagStillProvesItButSaysUnknown() {
    Map<String, String> tags = new HashMap<>(new Ownership("drill-1", "t1", "dr-drill").tags());
    tags.remove(Ownership.PROCEDURE_TAG);
    assertEquals("unknown", proof.check(tags).owner().procedure());
  }

  @Test
  void everythingShortOfTheRunsOwnTagsIsRefusedWithTheReason() {
    assertEquals(
        "not tagged created-by=dr-runbooks",
        refusal(Map.of(Ownership.WORKFLOW_TAG, "drill-1", Ownership.RUN_TAG, "t1")));
    assertEquals(
        "tagged for drill-10, which is neither this run nor one of its child runs",
        refusal(new Ownership("drill-10", "t1", "dr-drill").tags()));
    assertEquals(
        "no dr-runbooks:run-id tag: which run of drill-1 created it cannot be proven",
        refusal(new Ownership("drill-1", null, "dr-drill").tags()));
    assertEquals(
        "tagged for another run of drill-1 (dr-runbooks:run-id=t9, this one's is t1)",
        refusal(new Ownership("drill-1", "t9", "dr-drill").tags()));
    assertEquals(
        "its run drill-1-restore-b is still running and cleans up after itself when it ends",
        refusal(new Ownership("drill-1-restore-b", "t3", "snapshot-restore").tags()));
    assertFalse(proof.check(Map.of()).proven());
  }

  @Test
  void aStandbyItsRunKeptOnPurposeIsRefusedThoughItsTagsProveTheRun() {
    Map<String, String> tags =
        new HashMap<>(new Ownership("drill-1", "t1", "standby-instantiate").tags());
    tags.put(Ownership.KEPT_TAG, Ownership.KEPT_STANDBY);
    OwnershipProof.Verdict v = proof.check(tags);
    assertFalse(v.proven());
    assertTrue(
        v.refusal().startsWith("kept on purpose (dr-runbooks:kept=standby): drill-1 made it"),
        v.refusal());
  }

  @Test
  void aPromotedStandbyIsNamedAsTheLivePrimaryNotAsSomethingToDeleteByHand() {
    Map<String, String> tags =
        new HashMap<>(new Ownership("drill-1", "t1", "standby-instantiate").tags());
    tags.put(Ownership.KEPT_TAG, Ownership.KEPT_STANDBY);
    tags.put(ReplicaState.PROMOTED_FROM_TAG, "arn:aws:rds:eu-west-1:1:db:primary");
    OwnershipProof.Verdict v = proof.check(tags);
    assertFalse(v.proven());
    assertTrue(v.refusal().contains("it is the service's primary database now"), v.refusal());
    assertFalse(v.refusal().contains("delete it by hand"), v.refusal());
  }

  @Test
  void childrenWhoseIdsStartWithTheRunsAreCoveredByItsPrefix() {
    assertEquals(List.of("drill-1"), OwnershipProof.searchPrefixes("drill-1", RUNS));
    List<EndedRun> incident =
        List.of(
            new EndedRun("incident-1", "t1", "IncidentResponseWorkflow", "TERMINATED"),
            new EndedRun("pitr-inventory-incident-1", "t2", "PointInTimeRestoreWorkflow", "FAILED"),
            new EndedRun(
                "pitr-inventory-incident-1-x", "t3", "PointInTimeRestoreWorkflow", "FAILED"));
    assertEquals(
        List.of("incident-1", "pitr-inventory-incident-1"),
        OwnershipProof.searchPrefixes("incident-1", incident));
  }

  private String refusal(Map<String, String> tags) {
    OwnershipProof.Verdict v = proof.check(tags);
    assertFalse(v.proven());
    assertNull(v.owner());
    return v.refusal();
  }
}
