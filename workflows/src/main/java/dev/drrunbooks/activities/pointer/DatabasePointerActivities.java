package dev.drrunbooks.activities.pointer;

import dev.drrunbooks.catalog.DatabasePointer;
import io.temporal.activity.ActivityInterface;

/**
 * What the application reads to find its database ({@link DatabasePointer}): a Route 53 CNAME
 * record or an AWS Systems Manager Parameter Store parameter. A standby failover moves it from the
 * old primary's endpoint to the promoted standby's, and changes nothing else about it.
 *
 * <p>Non-retryable failures (ApplicationFailure) name the pointer, what was found and what was
 * expected; throttling, 5xx and network trouble are rethrown for Temporal's retry policy. Refusals
 * never change anything.
 */
@ActivityInterface(namePrefix = "DatabasePointer")
public interface DatabasePointerActivities {

  /**
   * The pointer as it is now. A CNAME is read with ListResourceRecordSets from its hosted zone (the
   * catalog's {@code hostedZone}, else the zone whose name the record ends with; a private zone is
   * found as a public one is); a parameter with GetParameter in {@code region} (ignored for a
   * CNAME: Route 53 is global).
   *
   * <p>Refused non-retryably: no such record or parameter ({@code PointerNotFound}); a CNAME with
   * several record sets of that name (weighted, latency...) or several values, or a parameter that
   * is a SecureString or StringList ({@code PointerNotSimple}): the failover moves one plain value
   * and keeps everything else, so a pointer it cannot keep whole is not touched.
   */
  PointerValue read(DatabasePointer pointer, String region);

  /**
   * Moves the pointer from {@code expected} to {@code target} (a compare-and-set):
   *
   * <ul>
   *   <li>already at {@code target}: nothing is changed ({@link PointerMove#changed()} false), so a
   *       retry after a lost response is safe;
   *   <li>at {@code expected}: a CNAME is UPSERTed with every field it held (TTL, set identifier
   *       and routing policy, health check id) and only its value changed
   *       (https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html);
   *       a parameter is overwritten with PutParameter Overwrite=true keeping its type, tier, data
   *       type, allowed pattern and description
   *       (https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html);
   *   <li>anything else: refused non-retryably ({@code PointerNotAsExpected}, naming the value
   *       found, the expected and the target): someone else has moved it, and the failover does not
   *       overwrite their change.
   * </ul>
   *
   * <p>After the change the pointer is read back: its value must be {@code target} and every other
   * field as before, else {@code PointerChangedElsewhere} (non-retryable). The Route 53 change's id
   * is returned for the caller's wait for INSYNC; a parameter has none.
   */
  PointerMove move(DatabasePointer pointer, String region, String expected, String target);
}
