package dev.drrunbooks.runcleanup;

import dev.drrunbooks.activities.rds.ReplicaState;
import dev.drrunbooks.model.Ownership;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Decides from a resource's tags whether one of a clean-up's runs created it: {@code
 * created-by=dr-runbooks}, a {@value Ownership#WORKFLOW_TAG} naming one of the runs, and a {@value
 * Ownership#RUN_TAG} equal to that run's token. Anything less is refused, with the reason: a reused
 * workflow id, a resource of a run from before run tokens, or one a person tagged by hand is never
 * the clean-up's to delete; nor is one its run marked {@value Ownership#KEPT_TAG} (a standby
 * replica), made to outlive the run.
 */
final class OwnershipProof {
  /** Either the owner the delete call must check against, or why nothing may be done. */
  record Verdict(Ownership owner, String refusal) {
    boolean proven() {
      return owner != null;
    }
  }

  private final List<EndedRun> runs;

  OwnershipProof(List<EndedRun> runs) {
    this.runs = List.copyOf(runs);
  }

  Verdict check(Map<String, String> tags) {
    if (!Ownership.CREATED_BY_VALUE.equals(tags.get(Ownership.CREATED_BY_TAG))) {
      return refuse("not tagged " + Ownership.CREATED_BY_TAG + "=" + Ownership.CREATED_BY_VALUE);
    }
    String workflowId = tags.get(Ownership.WORKFLOW_TAG);
    List<EndedRun> sameId = runs.stream().filter(r -> r.workflowId().equals(workflowId)).toList();
    if (sameId.isEmpty()) {
      return refuse(
          "tagged for " + workflowId + ", which is neither this run nor one of its child runs");
    }
    String token = tags.get(Ownership.RUN_TAG);
    if (token == null) {
      return refuse(
          "no "
              + Ownership.RUN_TAG
              + " tag: which run of "
              + workflowId
              + " created it cannot be proven");
    }
    EndedRun run = sameId.stream().filter(r -> token.equals(r.runToken())).findFirst().orElse(null);
    if (run == null) {
      return refuse(
          "tagged for another run of "
              + workflowId
              + " ("
              + Ownership.RUN_TAG
              + "="
              + token
              + ", this one's is "
              + sameId.get(0).runToken()
              + ")");
    }
    if (run.running()) {
      return refuse(
          "its run " + workflowId + " is still running and cleans up after itself when it ends");
    }
    String kept = tags.get(Ownership.KEPT_TAG);
    String promotedFrom = tags.get(ReplicaState.PROMOTED_FROM_TAG);
    if (kept != null && promotedFrom != null)
      return refuse(
          "kept on purpose ("
              + Ownership.KEPT_TAG
              + "="
              + kept
              + "), and promoted from "
              + promotedFrom
              + " by a standby failover: it is the service's primary database now; never delete it"
              + " as a leftover");
    if (kept != null) {
      return refuse(
          "kept on purpose ("
              + Ownership.KEPT_TAG
              + "="
              + kept
              + "): "
              + workflowId
              + " made it to stay after the run; a clean-up never deletes it, delete it by hand"
              + " once it is no longer wanted");
    }
    return new Verdict(
        new Ownership(workflowId, token, tags.getOrDefault(Ownership.PROCEDURE_TAG, "unknown")),
        null);
  }

  /**
   * The tag prefixes to search by: the run's own id, and each child's id that does not start with
   * it (children's ids usually do), without one that another prefix covers.
   */
  static List<String> searchPrefixes(String workflowId, List<EndedRun> runs) {
    List<String> ids = new ArrayList<>();
    ids.add(workflowId);
    runs.stream().map(EndedRun::workflowId).sorted().forEach(ids::add);
    List<String> prefixes = new ArrayList<>();
    for (String id : ids.stream().sorted(Comparator.comparingInt(String::length)).toList()) {
      if (prefixes.stream().noneMatch(id::startsWith)) prefixes.add(id);
    }
    return List.copyOf(prefixes);
  }

  private static Verdict refuse(String why) {
    return new Verdict(null, why);
  }
}
