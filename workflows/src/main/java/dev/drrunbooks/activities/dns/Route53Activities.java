package dev.drrunbooks.activities.dns;

import dev.drrunbooks.catalog.DnsRecordSpec;
import io.temporal.activity.ActivityInterface;
import java.time.Instant;

/** The weighted record of a service and the health check on its primary. */
@ActivityInterface(namePrefix = "Route53")
public interface Route53Activities {

  /** Reads the Primary and Secondary weighted sets of the record; a missing zone fails non-retryably. */
  WeightedRecordState readWeights(DnsRecordSpec record);

  /**
   * One ChangeResourceRecordSets with two UPSERTs (the runbook's change batch: alias targets from the
   * catalog, the given weights); returns the change id. UPSERT is idempotent, so a retry is harmless.
   */
  String upsertWeights(DnsRecordSpec record, long primaryWeight, long secondaryWeight);

  /** Polls GetChange until INSYNC, heartbeating; past the deadline fails non-retryably with the status seen. */
  String awaitInSync(String changeId, Instant deadline);

  /** The health check named in the catalog (by id, or found by FQDN and path). */
  HealthCheckState healthCheckStatus(DnsRecordSpec record);
}
