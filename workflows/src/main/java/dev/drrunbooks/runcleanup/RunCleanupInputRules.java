package dev.drrunbooks.runcleanup;

import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.InputRules;
import dev.drrunbooks.model.Inputs;
import java.time.Instant;
import java.util.List;

/**
 * What a run's cleanup refuses in its input before it does anything: the ended run with its run
 * token, region names. It names no service.
 */
public final class RunCleanupInputRules implements InputRules<RunCleanupInput> {
  @Override
  public void checkInput(RunCleanupInput input, Instant now) {
    if (input.workflowId() == null || input.workflowId().isBlank()) {
      throw Inputs.invalid("workflowId", input.workflowId(), "the ended run's workflow id");
    }
    if (input.runs() == null
        || input.runs().stream().noneMatch(r -> input.workflowId().equals(r.workflowId()))) {
      throw Inputs.invalid(
          "runs", input.runs(), "the run " + input.workflowId() + " itself, with its run token");
    }
    for (EndedRun r : input.runs()) {
      if (r.workflowId() == null
          || r.workflowId().isBlank()
          || r.runToken() == null
          || r.runToken().isBlank()) {
        throw Inputs.invalid(
            "runs", r, "each with its workflowId and runToken (first execution run id)");
      }
    }
    List<String> regions = input.regions() == null ? List.of() : input.regions();
    for (String region : regions) {
      if (!Inputs.isRegionName(region)) {
        throw Inputs.invalid("regions", region, "AWS region names such as eu-west-1");
      }
    }
  }

  @Override
  public List<String> services(RunCleanupInput in) {
    return List.of();
  }

  @Override
  public void checkServices(RunCleanupInput in, List<ServiceDefinition> services) {}
}
