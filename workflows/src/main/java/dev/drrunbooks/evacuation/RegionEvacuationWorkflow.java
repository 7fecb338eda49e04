package dev.drrunbooks.evacuation;

import dev.drrunbooks.approval.Approvable;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Moves services out of the primary region: after one approval, scales each up in the DR region
 * (ECS recovery child workflows, in parallel), then fails each one's DNS record over (DNS failover
 * child workflows, one per record). A service whose DR capacity did not come up keeps its traffic.
 */
@WorkflowInterface
public interface RegionEvacuationWorkflow extends Approvable {

  @WorkflowMethod(name = "RegionEvacuation")
  RegionEvacuationResult run(RegionEvacuationInput input);

  @QueryMethod
  EvacuationStatus status();
}
