package dev.drrunbooks.readiness;

import dev.drrunbooks.activities.ecs.EcsActivities;
import dev.drrunbooks.activities.ecs.EcsServiceState;
import dev.drrunbooks.activities.route53.HealthCheckState;
import dev.drrunbooks.activities.route53.Route53Activities;
import dev.drrunbooks.activities.route53.WeightedRecordState;
import dev.drrunbooks.catalog.DnsRecordSpec;
import dev.drrunbooks.catalog.EcsSpec;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.failover.AlarmState;
import dev.drrunbooks.failover.CloudWatchActivities;
import java.util.ArrayList;
import java.util.List;

/**
 * What traffic would move to: the service's ECS service in the DR region running the catalog's
 * stable task definition, its weighted DNS record with both targets, the record's Route 53 health
 * check healthy, and the standby target's CloudWatch alarm not firing.
 */
final class StandbyChecks {
  private final EcsActivities ecs;
  private final Route53Activities route53;
  private final CloudWatchActivities cloudWatch;

  StandbyChecks(EcsActivities ecs, Route53Activities route53, CloudWatchActivities cloudWatch) {
    this.ecs = ecs;
    this.route53 = route53;
    this.cloudWatch = cloudWatch;
  }

  /** The DR region's ECS service, if the service has one. */
  ReadinessCheck drService(ServiceDefinition service) {
    EcsSpec spec = service.spec().ecs();
    String region = service.regions().dr();
    String cluster = spec.drCluster() != null ? spec.drCluster() : spec.cluster();
    String stable = ecs.resolveTaskDefinition(region, spec.stableTaskDefinition());
    EcsServiceState state = ecs.describeService(region, cluster, spec.service());
    return ReadinessCheck.of(
        service.key(),
        "ECS service " + spec.service() + " in " + region,
        "ACTIVE in " + cluster + " on " + spec.stableTaskDefinition(),
        state.status() + " on " + state.taskDefinitionArn() + ", " + state.running() + " running",
        "ACTIVE".equals(state.status()) && stable.equals(state.taskDefinitionArn()));
  }

  /** The weighted record, its health check and the standby's alarm, if the service has a record. */
  List<ReadinessCheck> dns(ServiceDefinition service) {
    DnsRecordSpec record = service.dns();
    List<ReadinessCheck> checks = new ArrayList<>();
    WeightedRecordState weights = route53.readWeights(record);
    checks.add(
        ReadinessCheck.of(
            service.key(),
            "DNS record " + record.name(),
            "both weighted targets present",
            weights.describe(),
            weights.primaryWeight() != null && weights.secondaryWeight() != null));
    if (record.healthCheck() != null) {
      HealthCheckState health = route53.healthCheckStatus(record);
      checks.add(
          ReadinessCheck.of(
              service.key(),
              "Route 53 health check of " + record.name(),
              "healthy by a majority of checkers",
              health.healthyCheckers() + " of " + health.checkers() + " checkers healthy",
              health.healthyByMajority()));
    }
    String alarm = record.secondary().alarm();
    if (alarm != null) {
      AlarmState state = cloudWatch.alarmState(record.secondary().region(), alarm);
      checks.add(
          ReadinessCheck.of(
              service.key(),
              "standby alarm " + alarm,
              "not in ALARM",
              state.state(),
              !state.firing()));
    }
    return checks;
  }
}
