package dev.drrunbooks.restore;

import dev.drrunbooks.activities.rds.CopyPurpose;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.catalog.ValidationQuery;
import java.time.Instant;
import java.util.List;

/**
 * A restore run's input as read once its service is resolved: what every restore procedure needs
 * before it differs.
 *
 * @param serviceKey the catalog key as given, trimmed
 * @param target the RDS identifier the run restores into
 * @param incident when the incident began; null: RTO and RPO are measured from the run's start
 * @param deadline the run's start plus its wait budget ({@code waitBudget}, else the service's
 *     RTO): no wait goes past it
 * @param queries the data checks of the restored copy
 */
public record RestoreRun(
    String serviceKey,
    ServiceDefinition service,
    String target,
    Instant incident,
    CopyPurpose purpose,
    Instant deadline,
    List<ValidationQuery> queries) {

  /** The service's primary region. */
  public String primary() {
    return service.regions().primary();
  }
}
