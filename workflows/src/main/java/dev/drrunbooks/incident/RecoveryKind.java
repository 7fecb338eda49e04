package dev.drrunbooks.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.drrunbooks.approval.GatePolicy;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.datarecovery.CorruptedDataRecovery;
import dev.drrunbooks.ecsrecovery.EcsServiceRecovery;
import dev.drrunbooks.failover.DnsFailover;
import dev.drrunbooks.pitr.PointInTimeRestore;
import dev.drrunbooks.runbook.Procedure;
import java.util.Arrays;
import java.util.List;

/**
 * The recovery procedures an incident can start as children. Written to JSON (update payloads, the
 * status query, the result, recorded histories) as the lower-case key operators type: {@code
 * "failover"}, {@code "restore"}, {@code "ecs"}, {@code "data"}.
 */
public enum RecoveryKind {
  /** DNS failover of the service's record to the DR region. */
  FAILOVER("failover", "-failover-"),
  /** Point-in-time restore of the service's database. */
  RESTORE("restore", "-pitr-"),
  /** ECS service recovery (redeploy a known-good task definition). */
  ECS("ecs", "-ecs-"),
  /** Corrupted-data recovery: restore before the corruption, replay the lost transactions. */
  DATA("data", "-data-");

  private final String key;
  private final String childIdInfix;

  RecoveryKind(String key, String childIdInfix) {
    this.key = key;
    this.childIdInfix = childIdInfix;
  }

  @JsonValue
  public String key() {
    return key;
  }

  /**
   * The child's workflow id: {@code <incident><infix><service>}, e.g. {@code
   * incident-x-pitr-inventory}.
   */
  String childIdBase(String incidentId, String service) {
    return incidentId + childIdInfix + service;
  }

  /** The procedure this kind starts, as the registry knows it. */
  public Procedure<?, ?> procedure() {
    return switch (this) {
      case FAILOVER -> DnsFailover.PROCEDURE;
      case RESTORE -> PointInTimeRestore.PROCEDURE;
      case ECS -> EcsServiceRecovery.PROCEDURE;
      case DATA -> CorruptedDataRecovery.PROCEDURE;
    };
  }

  public static List<String> keys() {
    return Arrays.stream(values()).map(RecoveryKind::key).toList();
  }

  /**
   * @param typed a key as an operator types it (case and surrounding blanks ignored)
   * @throws IllegalArgumentException {@code <field>: '<typed>' is not valid; allowed: failover,
   *     restore, ecs, data}
   */
  public static RecoveryKind parse(String field, String typed) {
    if (typed != null) {
      for (RecoveryKind k : values()) if (k.key.equalsIgnoreCase(typed.trim())) return k;
    }
    throw new IllegalArgumentException(
        field + ": '" + typed + "' is not valid; allowed: " + String.join(", ", keys()));
  }

  @JsonCreator
  static RecoveryKind fromJson(String key) {
    return parse("kind", key);
  }

  /**
   * Refuses a service whose catalog entry lacks what this procedure acts on (DNS record, database,
   * ECS service), and a failover that would weaken the catalog's approval policy.
   *
   * @throws IllegalArgumentException naming the field ({@code service} or {@code requireApproval})
   *     and why
   */
  void requireTarget(ServiceDefinition s, Boolean requireApproval) {
    switch (this) {
      case FAILOVER -> {
        if (s.dns() == null) {
          throw new IllegalArgumentException(
              "service: " + s.key() + " has no DNS record in the catalog to fail over");
        }
        if (Boolean.FALSE.equals(requireApproval)
            && s.spec().failoverPolicy().withDefaults().requireApproval()) {
          // The failover would refuse it as InvalidInput; say so before it starts (issue 10,
          // finding 10).
          throw new IllegalArgumentException(
              "requireApproval: false is not valid; the catalog's policy for service "
                  + s.key()
                  + " is "
                  + GatePolicy.describe(s.spec().failoverPolicy())
                  + "; a run may strengthen it, "
                  + "not weaken it (answer the failover's gate with dr approve)");
        }
      }
      case RESTORE, DATA -> {
        if (s.spec().database() == null) {
          throw new IllegalArgumentException(
              "service: " + s.key() + " has no database in the catalog to restore");
        }
      }
      case ECS -> {
        if (s.spec().ecs() == null) {
          throw new IllegalArgumentException(
              "service: " + s.key() + " has no ECS service in the catalog to recover");
        }
      }
    }
  }

  @Override
  public String toString() {
    return key;
  }
}
