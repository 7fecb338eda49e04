package dev.drrunbooks.incident;

import dev.drrunbooks.datarecovery.CorruptedDataRecoveryInput;
import dev.drrunbooks.ecsrecovery.EcsRecoveryInput;
import dev.drrunbooks.failover.Direction;
import dev.drrunbooks.failover.DnsFailoverInput;
import dev.drrunbooks.pitr.PointInTimeRestoreInput;
import java.util.List;

/**
 * Starts a recovery procedure as a child of the incident, with its own approval gates (answer them
 * with {@code dr approve <child id>}).
 *
 * @param kind a {@link RecoveryKind} key: failover (DNS failover, child id {@code
 *     <incident>-failover-<service>}), restore (point-in-time restore, {@code
 *     <incident>-pitr-<service>}), ecs (ECS recovery, {@code <incident>-ecs-<service>}) or data
 *     (corrupted-data recovery with lost-transaction replay, {@code <incident>-data-<service>})
 * @param service one of the incident's services
 * @param force failover: go ahead although the primary looks healthy or the target does not
 * @param requireApproval failover: overrides the catalog's policy
 * @param stages failover: e.g. [10, 50, 100]
 * @param restoreTime restore: an instant or "latest"; data, in requests made before {@code
 *     corruptionTime} existed: when the corruption began
 * @param corruptionTime data: when the corruption began, if known (else found in the audit trail)
 * @param targetInstance restore: the new instance's id (default derived from the child id)
 * @param region ecs: primary (default), dr, or a region name
 * @param taskDefinition ecs: family:label or family:revision
 * @param desiredCount ecs: default the catalog's
 */
public record RecoveryRequest(
    String kind,
    String service,
    String who,
    String why,
    Boolean force,
    Boolean requireApproval,
    List<Integer> stages,
    String restoreTime,
    String targetInstance,
    String region,
    String taskDefinition,
    Integer desiredCount,
    String corruptionTime) {

  /** The {@link RecoveryKind} keys, in the order help lists them. */
  public static final List<String> KINDS = RecoveryKind.keys();

  /** The failover child's input: the incident's failover options, its RTO clock from detection. */
  DnsFailoverInput failoverInput(String serviceKey, String incidentTime) {
    return new DnsFailoverInput(
        serviceKey,
        Direction.FAILOVER,
        force,
        null,
        requireApproval,
        null,
        null,
        stages,
        null,
        incidentTime,
        null,
        null);
  }

  /** The point-in-time restore child's input: RTO and RPO measured from detection. */
  PointInTimeRestoreInput restoreInput(String serviceKey, String incidentTime) {
    return new PointInTimeRestoreInput(
        serviceKey, null, restoreTime, targetInstance, incidentTime, null, null, null, null);
  }

  /** The data recovery child's input. */
  CorruptedDataRecoveryInput dataInput(String serviceKey) {
    return new CorruptedDataRecoveryInput(serviceKey, corruptionTimeOrLegacy(), null, null, null);
  }

  /** The ECS recovery child's input. */
  EcsRecoveryInput ecsInput(String serviceKey) {
    return new EcsRecoveryInput(serviceKey, region, null, taskDefinition, desiredCount, null);
  }

  /**
   * A data recovery's corruption time: its own field, or what older requests sent as restoreTime.
   */
  String corruptionTimeOrLegacy() {
    return corruptionTime != null ? corruptionTime : restoreTime;
  }

  public static RecoveryRequest of(String kind, String service, String who, String why) {
    return new RecoveryRequest(
        kind, service, who, why, null, null, null, null, null, null, null, null, null);
  }
}
