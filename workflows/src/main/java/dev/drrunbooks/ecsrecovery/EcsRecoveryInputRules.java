package dev.drrunbooks.ecsrecovery;

import dev.drrunbooks.catalog.EcsSpec;
import dev.drrunbooks.catalog.Regions;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.InputRules;
import dev.drrunbooks.model.Inputs;
import java.time.Instant;
import java.util.List;

/** What an ECS service recovery refuses in its input before it does anything. */
public final class EcsRecoveryInputRules implements InputRules<EcsRecoveryInput> {
  private static final String TASK_DEFINITION = "[A-Za-z0-9_-]+:[A-Za-z0-9_-]+";

  @Override
  public void checkInput(EcsRecoveryInput in, Instant now) {
    Inputs.serviceKey("service", in.service(), false);
    if (in.desiredCount() != null && (in.desiredCount() < 0 || in.desiredCount() > 1000)) {
      throw Inputs.invalid("desiredCount", in.desiredCount(), "between 0 and 1000");
    }
    String typed = typedRegion(in.region());
    if (!typed.equals("primary") && !typed.equals("dr")) regionName(typed);
    if (in.taskDefinition() != null && !in.taskDefinition().isBlank())
      taskDefinition(in.taskDefinition().trim());
    Inputs.duration("waitBudget", in.waitBudget(), null);
  }

  @Override
  public List<String> services(EcsRecoveryInput in) {
    return InputRules.key(in.service());
  }

  /** A service with an ECS deployment, and in the DR region a DR cluster (or one named). */
  @Override
  public void checkServices(EcsRecoveryInput in, List<ServiceDefinition> services) {
    ServiceDefinition service = services.get(0);
    EcsSpec spec = requireEcs(service);
    String typed = typedRegion(in.region());
    region(typed, service.regions());
    cluster(in, spec, dr(typed, service.regions()), service.key());
  }

  /** The region as typed, trimmed; {@code primary} when not given. */
  static String typedRegion(String region) {
    return region == null || region.isBlank() ? "primary" : region.trim();
  }

  /** Whether the typed region is the catalog's DR region. */
  static boolean dr(String typed, Regions regions) {
    return typed.equals("dr") || typed.equals(regions.dr());
  }

  /** The region {@code primary}, {@code dr} or a region name stands for. */
  static String region(String typed, Regions regions) {
    return switch (typed) {
      case "primary" -> regions.primary();
      case "dr" -> {
        if (regions.dr() == null || regions.dr().isBlank())
          throw Inputs.invalid("region", typed, "the catalog has no regions.dr; name the region");
        yield regions.dr();
      }
      default -> regionName(typed);
    };
  }

  private static String regionName(String typed) {
    if (!typed.matches("[a-z]{2}(-gov)?-[a-z]+-\\d")) {
      throw Inputs.invalid("region", typed, "primary, dr, or an AWS region such as eu-central-1");
    }
    return typed;
  }

  static EcsSpec requireEcs(ServiceDefinition service) {
    if (service.spec().ecs() == null)
      throw Inputs.invalid(
          "service", service.key(), "this service has no ECS deployment in the catalog");
    return service.spec().ecs();
  }

  /** The cluster named, else the catalog's (its DR cluster in the DR region). */
  static String cluster(EcsRecoveryInput in, EcsSpec spec, boolean dr, String serviceKey) {
    String cluster =
        in.cluster() != null && !in.cluster().isBlank()
            ? in.cluster().trim()
            : dr ? spec.drCluster() : spec.cluster();
    if (cluster == null)
      throw Inputs.invalid("cluster", null, "the catalog names no DR cluster for " + serviceKey);
    return cluster;
  }

  /** {@code family:label} or {@code family:revision}. */
  static String taskDefinition(String taskDefinition) {
    if (!taskDefinition.matches(TASK_DEFINITION)) {
      throw Inputs.invalid(
          "taskDefinition",
          taskDefinition,
          "family:label or family:revision, e.g. inventory-service:stable");
    }
    return taskDefinition;
  }
}
