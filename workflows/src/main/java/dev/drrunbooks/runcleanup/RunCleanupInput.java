package dev.drrunbooks.runcleanup;

import dev.drrunbooks.payload.RunInput;
import java.util.List;

/**
 * What {@code dr cleanup RUN} asks for. The starter fills {@code runs} from Temporal: the ended run
 * (its first execution run id is the run token its resources are tagged with) and its child runs,
 * recursively.
 *
 * @param workflowId the ended run's workflow id; resources are searched by tags starting with it
 *     (and with each child's id that does not)
 * @param runs the run and its child runs; at least the run itself, each with its run token
 * @param regions where to search, e.g. {@code [eu-west-1]}; empty or null: every region the catalog
 *     names
 * @param apply false (default): list only; true: delete what the tags prove belongs to one of
 *     {@code runs}
 * @param dnsChanges DNS changes recorded in the runs' histories, listed with their revert command
 */
public record RunCleanupInput(
    String workflowId,
    List<EndedRun> runs,
    List<String> regions,
    Boolean apply,
    List<RecordedDnsChange> dnsChanges)
    implements RunInput {

  public boolean applying() {
    return Boolean.TRUE.equals(apply);
  }
}
