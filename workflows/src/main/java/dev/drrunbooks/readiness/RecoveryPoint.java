package dev.drrunbooks.readiness;

import java.time.Instant;

/**
 * The newest point a service's database can be restored to in one region.
 *
 * @param at that point; null when the region has none
 * @param source where it comes from, for people ("latest restorable time of the instance", "the
 *     automated backups replicated from eu-west-1", "snapshot rds:x-2026-12-01")
 */
public record RecoveryPoint(String region, Instant at, String source) {}
