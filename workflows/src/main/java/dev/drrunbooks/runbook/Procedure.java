package dev.drrunbooks.runbook;

import dev.drrunbooks.backuppolicy.BackupPolicyReport;
import dev.drrunbooks.backuppolicy.BackupPolicyResult;
import dev.drrunbooks.backuppolicy.BackupPolicyWorkflow;
import dev.drrunbooks.backuppolicy.BackupPolicyWorkflowImpl;
import dev.drrunbooks.backupvalidation.BackupValidationReport;
import dev.drrunbooks.backupvalidation.BackupValidationResult;
import dev.drrunbooks.backupvalidation.BackupValidationWorkflow;
import dev.drrunbooks.backupvalidation.BackupValidationWorkflowImpl;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.datarecovery.CorruptedDataRecoveryReport;
import dev.drrunbooks.datarecovery.CorruptedDataRecoveryResult;
import dev.drrunbooks.datarecovery.CorruptedDataRecoveryWorkflow;
import dev.drrunbooks.datarecovery.CorruptedDataRecoveryWorkflowImpl;
import dev.drrunbooks.drill.DrDrillReport;
import dev.drrunbooks.drill.DrDrillResult;
import dev.drrunbooks.drill.DrDrillWorkflow;
import dev.drrunbooks.drill.DrDrillWorkflowImpl;
import dev.drrunbooks.ecsrecovery.EcsRecoveryReport;
import dev.drrunbooks.ecsrecovery.EcsRecoveryResult;
import dev.drrunbooks.ecsrecovery.EcsServiceRecoveryWorkflow;
import dev.drrunbooks.ecsrecovery.EcsServiceRecoveryWorkflowImpl;
import dev.drrunbooks.evacuation.RegionEvacuationReport;
import dev.drrunbooks.evacuation.RegionEvacuationResult;
import dev.drrunbooks.evacuation.RegionEvacuationWorkflow;
import dev.drrunbooks.evacuation.RegionEvacuationWorkflowImpl;
import dev.drrunbooks.failover.DnsFailoverReport;
import dev.drrunbooks.failover.DnsFailoverResult;
import dev.drrunbooks.failover.DnsFailoverWorkflow;
import dev.drrunbooks.failover.DnsFailoverWorkflowImpl;
import dev.drrunbooks.incident.IncidentResponseReport;
import dev.drrunbooks.incident.IncidentResponseWorkflow;
import dev.drrunbooks.incident.IncidentResponseWorkflowImpl;
import dev.drrunbooks.incident.IncidentResult;
import dev.drrunbooks.lock.LockedResource;
import dev.drrunbooks.model.InputRules;
import dev.drrunbooks.pitr.PointInTimeRestoreReport;
import dev.drrunbooks.pitr.PointInTimeRestoreResult;
import dev.drrunbooks.pitr.PointInTimeRestoreWorkflow;
import dev.drrunbooks.pitr.PointInTimeRestoreWorkflowImpl;
import dev.drrunbooks.report.ReportContext;
import dev.drrunbooks.report.ReportMapping;
import dev.drrunbooks.report.RunReport;
import dev.drrunbooks.runcleanup.RunCleanupReport;
import dev.drrunbooks.runcleanup.RunCleanupResult;
import dev.drrunbooks.runcleanup.RunCleanupWorkflow;
import dev.drrunbooks.runcleanup.RunCleanupWorkflowImpl;
import dev.drrunbooks.snapshotrestore.SnapshotRestoreReport;
import dev.drrunbooks.snapshotrestore.SnapshotRestoreResult;
import dev.drrunbooks.snapshotrestore.SnapshotRestoreWorkflow;
import dev.drrunbooks.snapshotrestore.SnapshotRestoreWorkflowImpl;
import io.temporal.common.metadata.POJOWorkflowImplMetadata;
import io.temporal.common.metadata.POJOWorkflowInterfaceMetadata;
import io.temporal.common.metadata.POJOWorkflowMethodMetadata;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The runbook's table of contents: every procedure an operator, a schedule or an incident can run,
 * with what the worker registers, what the starter starts, how a run is named and how it is
 * reported. Adding a procedure is one package, one constant here and one starter command; the tests
 * in {@code runbook} fail when any of the three is missing.
 *
 * <p>Typed by the procedure's workflow interface {@code W} and result {@code R}, so a start or a
 * child launch through a constant needs no cast.
 *
 * @param <W> the workflow interface (its simple name is the Temporal workflow type)
 * @param <R> what the workflow method returns
 */
public final class Procedure<W, R> {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /**
   * The runbook's backup strategy, checked and enforced: RDS automated backups and their
   * replication to the DR region, S3 versioning and cross-region replication.
   */
  public static final Procedure<BackupPolicyWorkflow, BackupPolicyResult> BACKUP_POLICY =
      new Procedure<>(
          "backup-policy",
          BackupPolicyWorkflow.class,
          BackupPolicyWorkflowImpl.class,
          BackupPolicyWorkflowImpl.RULES,
          BackupPolicyReport.MAPPING);

  /** The runbook's point-in-time recovery, into a new instance that stays up. */
  public static final Procedure<PointInTimeRestoreWorkflow, PointInTimeRestoreResult> PITR =
      new Procedure<>(
          "pitr",
          PointInTimeRestoreWorkflow.class,
          PointInTimeRestoreWorkflowImpl.class,
          PointInTimeRestoreWorkflowImpl.RULES,
          PointInTimeRestoreReport.MAPPING);

  /**
   * The runbook's restore from snapshot (a manual, final or automated one), optionally copied to
   * the DR region first.
   */
  public static final Procedure<SnapshotRestoreWorkflow, SnapshotRestoreResult> SNAPSHOT_RESTORE =
      new Procedure<>(
          "restore-snapshot",
          SnapshotRestoreWorkflow.class,
          SnapshotRestoreWorkflowImpl.class,
          SnapshotRestoreWorkflowImpl.RULES,
          SnapshotRestoreReport.MAPPING);

  /** The weekly backup test: restore a snapshot, check its data, delete the copy. */
  public static final Procedure<BackupValidationWorkflow, BackupValidationResult>
      BACKUP_VALIDATION =
          new Procedure<>(
              "validate-backups",
              BackupValidationWorkflow.class,
              BackupValidationWorkflowImpl.class,
              BackupValidationWorkflowImpl.RULES,
              BackupValidationReport.MAPPING);

  /**
   * Failover and failback are one workflow; a failback run is tagged and named {@link
   * #DNS_FAILBACK_KEY}.
   */
  public static final Procedure<DnsFailoverWorkflow, DnsFailoverResult> DNS_FAILOVER =
      new Procedure<>(
          "failover",
          DnsFailoverWorkflow.class,
          DnsFailoverWorkflowImpl.class,
          DnsFailoverWorkflowImpl.RULES,
          DnsFailoverReport.MAPPING,
          LockedResource.DNS_RECORD);

  /**
   * The runbook's ECS service recovery: the stable task definition, scaled, steady or rolled back;
   * one run per service at a time.
   */
  public static final Procedure<EcsServiceRecoveryWorkflow, EcsRecoveryResult> ECS_RECOVERY =
      new Procedure<>(
          "recover-ecs",
          EcsServiceRecoveryWorkflow.class,
          EcsServiceRecoveryWorkflowImpl.class,
          EcsServiceRecoveryWorkflowImpl.RULES,
          EcsRecoveryReport.MAPPING,
          LockedResource.ECS_SERVICE);

  /** Multi-region failover of several services: one approval, DR capacity first, then DNS. */
  public static final Procedure<RegionEvacuationWorkflow, RegionEvacuationResult>
      REGION_EVACUATION =
          new Procedure<>(
              "evacuate",
              RegionEvacuationWorkflow.class,
              RegionEvacuationWorkflowImpl.class,
              RegionEvacuationWorkflowImpl.RULES,
              RegionEvacuationReport.MAPPING);

  /**
   * The monthly DR drill: a test environment in the DR region, databases restored, applications
   * deployed and validated, a report, everything it created deleted.
   */
  public static final Procedure<DrDrillWorkflow, DrDrillResult> DR_DRILL =
      new Procedure<>(
          "drill",
          DrDrillWorkflow.class,
          DrDrillWorkflowImpl.class,
          DrDrillWorkflowImpl.RULES,
          DrDrillReport.MAPPING);

  /**
   * The runbook's corrupted-data recovery: find when the corruption began, restore before it,
   * replay the good later transactions; two approvals.
   */
  public static final Procedure<CorruptedDataRecoveryWorkflow, CorruptedDataRecoveryResult>
      DATA_RECOVERY =
          new Procedure<>(
              "recover-data",
              CorruptedDataRecoveryWorkflow.class,
              CorruptedDataRecoveryWorkflowImpl.class,
              CorruptedDataRecoveryWorkflowImpl.RULES,
              CorruptedDataRecoveryReport.MAPPING);

  /** The runbook's P1 incident response, from open to the post-incident review. */
  public static final Procedure<IncidentResponseWorkflow, IncidentResult> INCIDENT_RESPONSE =
      new Procedure<>(
          "incident",
          IncidentResponseWorkflow.class,
          IncidentResponseWorkflowImpl.class,
          IncidentResponseWorkflowImpl.RULES,
          IncidentResponseReport.MAPPING);

  /** Deletes what an ended run left behind, as its ownership tags prove. */
  public static final Procedure<RunCleanupWorkflow, RunCleanupResult> RUN_CLEANUP =
      new Procedure<>(
          "cleanup",
          RunCleanupWorkflow.class,
          RunCleanupWorkflowImpl.class,
          RunCleanupWorkflowImpl.RULES,
          RunCleanupReport.MAPPING);

  /**
   * The tag and id prefix of a DNS failback run (the {@link #DNS_FAILOVER} workflow run backwards).
   */
  public static final String DNS_FAILBACK_KEY = "dns-failback";

  private static final List<Procedure<?, ?>> ALL =
      List.of(
          BACKUP_POLICY,
          PITR,
          SNAPSHOT_RESTORE,
          BACKUP_VALIDATION,
          DNS_FAILOVER,
          ECS_RECOVERY,
          REGION_EVACUATION,
          DR_DRILL,
          DATA_RECOVERY,
          INCIDENT_RESPONSE,
          RUN_CLEANUP);

  private final String key;
  private final String command;
  private final String title;
  private final Class<W> workflowInterface;
  private final Class<?> implementation;
  private final Class<R> resultType;
  private final String workflowType;
  private final Class<?> inputType;
  private final ReportMapping<R> report;
  private final List<LockedResource> locks;
  private final InputRules<?> inputRules;

  /** Key and title are the report mapping's: one name per procedure. */
  private Procedure(
      String command,
      Class<W> workflowInterface,
      Class<?> implementation,
      InputRules<?> inputRules,
      ReportMapping<R> report,
      LockedResource... locks) {
    this.key = report.procedure();
    this.command = command;
    this.title = report.title();
    this.workflowInterface = workflowInterface;
    this.implementation = implementation;
    this.report = report;
    this.locks = List.of(locks);
    POJOWorkflowMethodMetadata method =
        POJOWorkflowInterfaceMetadata.newInstance(workflowInterface)
            .getWorkflowMethod()
            .orElseThrow(
                () -> new IllegalStateException(workflowInterface + " has no @WorkflowMethod"));
    this.workflowType = method.getName();
    // The implementation may run a narrower interface of the same type (the incident answers its
    // updates from a table): what must agree is the workflow type the worker registers.
    String implemented =
        POJOWorkflowImplMetadata.newInstance(implementation).getWorkflowMethods().stream()
            .map(POJOWorkflowMethodMetadata::getName)
            .findFirst()
            .orElse(null);
    if (!workflowType.equals(implemented))
      throw new IllegalStateException(
          implementation + " runs workflow type " + implemented + ", not " + workflowType);
    if (method.getWorkflowMethod().getParameterCount() != 1)
      throw new IllegalStateException(method.getWorkflowMethod() + " must take one input");
    this.inputType = method.getWorkflowMethod().getParameterTypes()[0];
    @SuppressWarnings("unchecked") // R is the workflow method's return type, as W declares it
    Class<R> returned = (Class<R>) method.getWorkflowMethod().getReturnType();
    this.resultType = returned;
    if (!inputType.equals(ruledType(inputRules)))
      throw new IllegalStateException(
          inputRules.getClass() + " checks " + ruledType(inputRules) + ", not " + inputType);
    this.inputRules = inputRules;
  }

  /** The input type an {@link InputRules} implementation names. */
  private static Class<?> ruledType(InputRules<?> rules) {
    for (Type t : rules.getClass().getGenericInterfaces()) {
      if (t instanceof ParameterizedType p
          && p.getRawType() == InputRules.class
          && p.getActualTypeArguments()[0] instanceof Class<?> c) return c;
    }
    return null;
  }

  /** Every procedure, in the runbook's order. */
  public static List<Procedure<?, ?>> all() {
    return ALL;
  }

  /**
   * The procedure whose workflow type (as Temporal names it, e.g. {@code PointInTimeRestore}) this
   * is.
   */
  public static Optional<Procedure<?, ?>> ofWorkflowType(String workflowType) {
    return ALL.stream().filter(p -> p.workflowType.equals(workflowType)).findFirst();
  }

  /**
   * The procedure a key names ({@code pitr}, {@code dr-drill}; {@code dns-failback} is {@link
   * #DNS_FAILOVER}).
   */
  public static Optional<Procedure<?, ?>> ofKey(String key) {
    if (DNS_FAILBACK_KEY.equals(key)) return Optional.of(DNS_FAILOVER);
    return ALL.stream().filter(p -> p.key.equals(key)).findFirst();
  }

  /**
   * A run id an operator can read and type, unique per start: key, subject, UTC start time to the
   * second and a random suffix ({@code pitr-inventory-20261127T123005Z-k3f9}). The caller draws the
   * suffix (workflow code must not), and starts with REJECT_DUPLICATE so an id names one run
   * forever.
   *
   * @param subject what the run is about (a service, a list of services, a run id); blank becomes
   *     "unknown"
   * @param suffix a few random characters that make two starts in one second differ
   */
  public String runId(String subject, Instant startedAt, String suffix) {
    return runId(key, subject, startedAt, suffix);
  }

  /**
   * As {@link #runId(String, Instant, String)} with a key of this procedure's ({@link
   * #DNS_FAILBACK_KEY}).
   */
  public static String runId(String key, String subject, Instant startedAt, String suffix) {
    Objects.requireNonNull(startedAt, "startedAt");
    String s = subject == null || subject.isBlank() ? "unknown" : subject;
    return key + "-" + s + "-" + STAMP.format(startedAt) + "-" + suffix;
  }

  /**
   * The name runs, reports and the DrProcedure search attribute use: {@code pitr}, {@code
   * dr-drill}.
   */
  public String key() {
    return key;
  }

  /** The {@code dr} command that starts it. */
  public String command() {
    return command;
  }

  /** A human title for reports and help: "Point-in-time restore". */
  public String title() {
    return title;
  }

  public Class<W> workflowInterface() {
    return workflowInterface;
  }

  /** What the worker registers. */
  public Class<?> implementation() {
    return implementation;
  }

  /** The workflow method's one parameter: the procedure's input record. */
  public Class<?> inputType() {
    return inputType;
  }

  public Class<R> resultType() {
    return resultType;
  }

  /**
   * The workflow type as Temporal names it: the interface's simple name unless annotated otherwise.
   */
  public String workflowType() {
    return workflowType;
  }

  /**
   * What a run refuses in its input before it does anything: the workflow's first checks, made
   * again by a client before it starts a run ({@link #checkStart}).
   */
  public InputRules<?> inputRules() {
    return inputRules;
  }

  /**
   * Checks {@code input} as the run would before it does anything, against {@code catalog}: a
   * client calls it before it starts a run, so bad input creates none.
   *
   * @param input of {@link #inputType()}
   * @throws io.temporal.failure.ApplicationFailure InvalidInput naming the field, the value and
   *     what is allowed ({@link InputRules})
   */
  @SuppressWarnings("unchecked")
  public void checkStart(Object input, Instant now, Catalog catalog) {
    if (!inputType.isInstance(input))
      throw new IllegalArgumentException(
          key + " takes a " + inputType.getName() + ", not " + input);
    ((InputRules<Object>) inputRules).checkStart(input, now, catalog);
  }

  /** How a run's result, or what is known of a run that ended without one, becomes its report. */
  public ReportMapping<R> report() {
    return report;
  }

  /**
   * The report of a completed run from its result.
   *
   * @throws ClassCastException when {@code result} is not a {@link #resultType()}
   */
  public RunReport reportOf(Object result, ReportContext context) {
    return report.report(resultType.cast(result), context);
  }

  /**
   * What a run holds a server-side lock on while it changes it (one DNS failover per record, one
   * ECS recovery per service): a second run for the same resource fails at once naming the holder,
   * whoever started either.
   */
  public List<LockedResource> locks() {
    return locks;
  }

  @Override
  public String toString() {
    return key;
  }
}
