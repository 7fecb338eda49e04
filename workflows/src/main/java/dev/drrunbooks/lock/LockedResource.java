package dev.drrunbooks.lock;

/**
 * What a procedure locks so that only one run at a time changes it, whoever started the run (CLI,
 * UI, a schedule, an incident): the lock is a workflow id the Temporal server gives to one open run
 * at a time.
 */
public enum LockedResource {
  /** One DNS failover or failback per record: {@code dns-record:api.mycomputer.com}. */
  DNS_RECORD("dns-record"),
  /**
   * One ECS recovery per service: {@code
   * ecs-service:eu-west-1/mycomputer-production/inventory-service}.
   */
  ECS_SERVICE("ecs-service"),
  /** One standby failover per service: {@code standby:payments}. */
  STANDBY("standby");

  private final String prefix;

  LockedResource(String prefix) {
    this.prefix = prefix;
  }

  /**
   * The resource's lock name, e.g. {@code dns-record:api.mycomputer.com}; {@link
   * ResourceLocks#lockId} maps it.
   */
  public String named(String name) {
    return prefix + ":" + name;
  }
}
