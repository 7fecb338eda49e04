package dev.drrunbooks.activities.route53;

import dev.drrunbooks.catalog.DnsRecordSpec;
import io.temporal.activity.ActivityInterface;
import java.time.Instant;

/** The weighted record of a service and the health check on its primary. */
@ActivityInterface(namePrefix = "Route53")
public interface Route53Activities {

  /**
   * Reads the Primary and Secondary weighted sets of the record; a missing zone fails
   * non-retryably.
   */
  WeightedRecordState readWeights(DnsRecordSpec record);

  /**
   * One ChangeResourceRecordSets with two UPSERTs, each the set as currently listed with only its
   * weight changed; returns the change id. UPSERT is idempotent, so a retry is harmless. A set the
   * catalog names that does not exist fails non-retryably ({@code Route53RecordSetNotFound}): it is
   * never created. Kept for runs recorded before {@link #changeWeights}.
   */
  String upsertWeights(DnsRecordSpec record, long primaryWeight, long secondaryWeight);

  /** {@link #upsertWeights}, also returning the sets as they were listed before the change. */
  WeightChange changeWeights(DnsRecordSpec record, long primaryWeight, long secondaryWeight);

  /**
   * After the change is INSYNC: reads the sets back; each must have the given weight and every
   * other field as in {@code change.before()}. Otherwise fails non-retryably ({@code
   * Route53RecordSetMismatch}) naming the set and the field, what it was and what it is now.
   */
  WeightedRecordState verifyWeights(
      DnsRecordSpec record, WeightChange change, long primaryWeight, long secondaryWeight);

  /**
   * Polls GetChange until INSYNC, heartbeating; past the deadline fails non-retryably with the
   * status seen.
   */
  String awaitInSync(String changeId, Instant deadline);

  /**
   * One poll of {@link #awaitInSync}: "INSYNC" when the change is; else a retryable failure of type
   * {@link dev.drrunbooks.model.Polls#NOT_YET} whose next-retry delay is the pause before the next
   * poll, so between polls the wait holds no worker thread or activity slot. Call it with {@link
   * dev.drrunbooks.model.ActivityDefaults#pollUntil} options. Past the deadline, or for a change
   * Route53 does not know, it fails non-retryably.
   */
  String pollInSync(String changeId, Instant deadline);

  /** The health check named in the catalog (by id, or found by FQDN and path). */
  HealthCheckState healthCheckStatus(DnsRecordSpec record);
}
