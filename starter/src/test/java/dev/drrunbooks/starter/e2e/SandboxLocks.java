package dev.drrunbooks.starter.e2e;

/**
 * What the sandbox-backed test classes share, as JUnit resource lock keys. Test classes run one at
 * a time, except those marked {@code @Execution(CONCURRENT)}: the slow ones that mostly wait on the
 * sandbox, which run alongside the others (starter/pom.xml: up to two of them beside the
 * one-at-a-time classes). A class that changes one of these takes its lock READ_WRITE; a class
 * whose outcome depends on it takes it READ, so the two never overlap.
 *
 * <p>A concurrent class runs its own tests one after another only while it holds a READ_WRITE lock
 * (JUnit runs a locked class's tests in one thread); without one its tests may run at the same
 * time, so they must share nothing.
 *
 * <p>Shared but needing no lock: each worker polls a task queue of its own ({@link SandboxWorker},
 * {@link WorkerProcess}, whose processes serve their ops endpoints on a free port), the workers
 * killed by BackupValidationWorkerRestartEndToEndTest are its own, and each test's workflow ids,
 * health endpoints ({@link RegionsStandIn}), restored instances (and their PostgreSQL clones),
 * reports and screenshots are its own; no test changes the sandbox's health stand-in, System
 * properties or the environment. Inventory's backup settings and assets bucket
 * (BackupPolicyEndToEndTest) and the rows IncidentDataRecoveryEndToEndTest adds to the inventory
 * database are asserted on by no other test. The AWS call recorder (CrossAccountEndToEndTest) takes
 * calls from every in-process worker, but only that test's catalog has another account to assume a
 * role in. TemporalServerRestartEndToEndTest kills the Temporal server every test uses: it is
 * {@code @Isolated}, run alone.
 */
public final class SandboxLocks {
  private SandboxLocks() {}

  /**
   * Route 53's weighted record locations.mycomputer.com (Primary 100 / Secondary 0 as seeded): DNS
   * failovers of Locations move it, and their runs hold the runbook's lock on it.
   */
  public static final String LOCATIONS_RECORD = "sandbox: Route 53 locations.mycomputer.com";

  /**
   * Route 53's weighted record api.mycomputer.com (Inventory's traffic) and the DR region's ECS
   * capacity for Inventory (mycomputer-dr/inventory-service in eu-central-1, 0 as seeded): a region
   * evacuation scales the capacity up and moves the record, then puts both back.
   */
  public static final String INVENTORY_TRAFFIC_AND_DR_CAPACITY =
      "sandbox: Route 53 api.mycomputer.com and ECS mycomputer-dr/inventory-service";

  /**
   * ECS service mycomputer-production/inventory-service in eu-west-1: an ECS recovery (started
   * directly or by an incident) redeploys and scales it, holds the runbook's lock on it (a second
   * recovery is refused) and the test puts its task definition and count back.
   */
  public static final String INVENTORY_ECS_SERVICE =
      "sandbox: ECS mycomputer-production/inventory-service";

  /**
   * The snapshots of RDS instance mycomputer-inventory-db: drills and backup validations restore
   * the newest one. READ_WRITE: a test that takes a fresh snapshot (so its drill is within the
   * RPO), expects its run to pick it, then deletes it. READ: a test whose runs pick the newest
   * snapshot (one deleted between the pick and the restore would fail the restore).
   */
  public static final String INVENTORY_SNAPSHOTS =
      "sandbox: RDS snapshots of mycomputer-inventory-db";

  /**
   * The Temporal server's schedules dr-monthly-dr-drill and dr-weekly-backup-validation, and every
   * dr- schedule, which {@code dr schedules apply} lists and deletes when the catalog no longer
   * declares it.
   */
  public static final String SCHEDULES = "sandbox: Temporal schedules";

  /**
   * Payments' warm standby: the read replica mycomputer-payments-db-replica (eu-central-1), which a
   * standby failover promotes and the test deletes, and the database pointer CNAME
   * payments-db.mycomputer.internal, which it moves and the test puts back at the primary.
   */
  public static final String PAYMENTS_STANDBY =
      "sandbox: RDS mycomputer-payments-db-replica and CNAME payments-db.mycomputer.internal";

  /**
   * RDS instance mycomputer-payments-db in eu-west-1 as seeded: the standby end to end replaces it
   * with a reverse replica and seeds it again (READ_WRITE). The one-at-a-time classes never overlap
   * that test; a concurrent class that restores, validates or audits Payments takes it READ.
   */
  public static final String PAYMENTS_PRIMARY = "sandbox: RDS mycomputer-payments-db";

  /**
   * What {@code dr list} and run-id prefixes find on the Temporal server: READ_WRITE for a test
   * that expects the newest point-in-time restores (of any service) or the newest data recovery
   * waiting at its gate to be its own; READ for a test that starts such runs.
   */
  public static final String RUN_LISTINGS =
      "sandbox: Temporal runs listed (point-in-time restores, data recoveries)";
}
