package dev.drrunbooks.catalog;

/**
 * The service's ECS deployment. {@code stableTaskDefinition} is family:label, e.g.
 * inventory-service:stable; the label names the revision tagged release=label. {@code drCluster} is
 * the cluster in the DR region that runs the same service for an evacuation.
 */
public record EcsSpec(
    String cluster,
    String service,
    String stableTaskDefinition,
    Integer desiredCount,
    String drCluster) {}
