package dev.drrunbooks.restore;

import dev.drrunbooks.activities.catalog.CatalogActivities;
import dev.drrunbooks.activities.rds.CopyPurpose;
import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.InstanceShape;
import dev.drrunbooks.activities.rds.InstanceSize;
import dev.drrunbooks.activities.rds.PlacementCheck;
import dev.drrunbooks.activities.rds.RdsRestoreActivities;
import dev.drrunbooks.activities.rds.RdsSnapshotActivities;
import dev.drrunbooks.activities.rds.SnapshotInfo;
import dev.drrunbooks.activities.sql.DataValidationActivities;
import dev.drrunbooks.activities.sql.DatabaseTarget;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.catalog.RestoreSettings;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.catalog.ValidationQuery;
import dev.drrunbooks.model.ActivityDefaults;
import dev.drrunbooks.model.Cleanup;
import dev.drrunbooks.model.CurrentDetails;
import dev.drrunbooks.model.InputRules;
import dev.drrunbooks.model.Inputs;
import dev.drrunbooks.model.Phases;
import dev.drrunbooks.model.Polls;
import dev.drrunbooks.model.ServiceLookup;
import dev.drrunbooks.model.Timeline;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The steps the database procedures share, as workflow code: resolve, wait, validate, report phase.
 */
public final class RestoreSteps {
  /**
   * Version 1: a restored instance's subnet group, security groups and parameter group are
   * verified.
   */
  public static final String PLACEMENT_CHECK = "restore-placement-check";

  private final CatalogActivities catalog = ActivityDefaults.shortCallStub(CatalogActivities.class);
  final RdsRestoreActivities rds = ActivityDefaults.shortCallStub(RdsRestoreActivities.class);
  final RdsSnapshotActivities snapshots =
      ActivityDefaults.shortCallStub(RdsSnapshotActivities.class);
  private final DataValidationActivities data =
      Workflow.newActivityStub(
          DataValidationActivities.class, ActivityDefaults.longCalls(Duration.ofMinutes(10)));
  private final Timeline timeline;
  private final Phases phases = new Phases();
  private String target;
  private String detail = "";

  public RestoreSteps(Timeline timeline) {
    this.timeline = timeline;
  }

  public RdsRestoreActivities rds() {
    return rds;
  }

  public RdsSnapshotActivities snapshots() {
    return snapshots;
  }

  public String phase() {
    return phases.current();
  }

  public void enterPhase(String next) {
    phases.enter(next);
  }

  /** Records the instance the run restores into, for {@link #status()}; returns it. */
  public String target(String instanceId) {
    target = instanceId;
    return instanceId;
  }

  /** What the run is doing now, in a few words, for {@link #status()}. */
  public void detail(String now) {
    detail = now;
  }

  /** The run's status query: phase, target instance, what it is doing. */
  public RestoreStatus status() {
    return new RestoreStatus(phases.current(), target, detail);
  }

  public void tag(String procedure, String service) {
    phases.tag(procedure, service);
  }

  /**
   * A restore run's opening, the same for every restore procedure: reads the fields {@code in}
   * shares with the others (refusing a bad one, naming the field), tags the run, resolves the
   * service (as {@link #begin(String, String)}) and checks it against {@code rules}.
   *
   * @param start when the run started: the wait budget counts from it
   * @param targetSuffix names a target derived from the run id, e.g. {@code pitr}
   */
  public <I extends RestoreRequest> RestoreRun begin(
      String procedure, I in, InputRules<I> rules, Instant start, String targetSuffix) {
    String serviceKey = Inputs.serviceKey("service", in.service(), false);
    Instant incident = Inputs.instant("incidentTime", in.incidentTime());
    CopyPurpose purpose = CopyPurpose.parse("purpose", in.purpose());
    String workflowId = Workflow.getInfo().getWorkflowId();
    String into = target(RestoreInputs.target(in.targetInstance(), workflowId, targetSuffix));
    ServiceDefinition service = begin(procedure, serviceKey);
    rules.checkServices(in, List.of(service));
    Duration budget = RestoreInputs.waitBudget(in.waitBudget(), service);
    List<ValidationQuery> queries = RestoreInputs.queries(in.validationQueries(), service);
    return new RestoreRun(
        serviceKey, service, into, incident, purpose, start.plus(budget), queries);
  }

  /**
   * A restore run's first steps: tags it with {@code procedure} and the service, enters its
   * "resolve" phase and resolves the service from the catalog (as {@link #resolveService}).
   */
  public ServiceDefinition begin(String procedure, String service) {
    tag(procedure, service);
    enterPhase("resolve");
    return resolveService(service);
  }

  /** The service's catalog definition; an unknown service ends the run as bad input. */
  public ServiceDefinition resolveService(String service) {
    return ServiceLookup.resolve(catalog, timeline, service);
  }

  /**
   * The settings a restore of {@code service} in {@code region} asks for: the run's where it has
   * them, then the catalog's {@code database.restore} in the primary region, {@code
   * database.drRestore} in the DR region (each names its region's groups); anything left unset is
   * taken from the source instance by the restore activity.
   */
  public static InstanceShape requestedShape(
      ServiceDefinition service, String region, InstanceShape run) {
    RestoreSettings catalog =
        region.equals(service.regions().primary())
            ? service.spec().database().restore()
            : region.equals(service.regions().dr()) ? service.spec().database().drRestore() : null;
    if (catalog == null) return run;
    return run.over(
        new InstanceShape(
            null,
            catalog.subnetGroup(),
            catalog.securityGroupIds(),
            catalog.parameterGroup(),
            catalog.optionGroup(),
            null));
  }

  /**
   * After the instance is available: is it in the intended subnet group, security groups, parameter
   * and option group, Multi-AZ? Fails the run non-retryably naming each field that differs. Runs
   * recorded before this check skip it ({@value #PLACEMENT_CHECK}).
   */
  public void verifyPlacement(
      String region, String instanceId, String sourceInstanceId, InstanceShape requested) {
    if (Workflow.getVersion(PLACEMENT_CHECK, Workflow.DEFAULT_VERSION, 1) < 1) return;
    timeline.step(
        "verify where " + instanceId + " is",
        () ->
            rds.verifyPlacement(
                new PlacementCheck(region, instanceId, sourceInstanceId, requested)),
        x -> x);
  }

  /**
   * Waits until the instance {@code restoring} (the restore call's answer) is available, polled one
   * activity attempt at a time; its deadline is the run's budget, so retries never extend it. Runs
   * begun before polls were one attempt each keep the one long, heartbeating activity ({@link
   * Polls#CHANGE_ID}); runs begun before the first describe was deferred describe at once ({@link
   * Polls#FIRST_POLL_CHANGE_ID}). The restore's answer time joined the deferred poll's arguments
   * without a version: the command is the same activity with one more argument, last, so an attempt
   * scheduled with the earlier four reads it as null, and replay compares an activity's type and
   * id, not its arguments.
   */
  public InstanceInfo awaitAvailable(InstanceInfo restoring, Instant deadline) {
    String region = restoring.region();
    String instanceId = restoring.instanceId();
    String step = "wait until " + instanceId + " is available";
    boolean perAttempt = Workflow.getVersion(Polls.CHANGE_ID, Workflow.DEFAULT_VERSION, 1) >= 1;
    boolean deferred = perAttempt && Polls.perAttempt(Polls.FIRST_POLL_CHANGE_ID);
    Function<RdsRestoreActivities, InstanceInfo> wait;
    if (deferred)
      wait =
          waiting ->
              waiting.pollRestoredInstanceAvailable(
                  region,
                  instanceId,
                  restoring.instanceClass(),
                  deadline,
                  restoring.restoreAnsweredAt());
    else if (perAttempt)
      wait = waiting -> waiting.pollInstanceAvailable(region, instanceId, deadline);
    else wait = waiting -> waiting.awaitInstanceAvailable(region, instanceId, deadline);
    return await(
        step,
        deadline,
        RdsRestoreActivities.class,
        perAttempt
            ? ActivityDefaults.pollUntil(deadline, step)
            : ActivityDefaults.waitUntil(deadline, step),
        wait,
        // The size ends the detail: the ledger keeps it beside the measured time (InstanceSize).
        i ->
            i.status()
                + " at "
                + i.endpointAddress()
                + ":"
                + i.port()
                + InstanceSize.of(i).map(InstanceSize::suffix).orElse(""));
  }

  /** Like {@link #awaitAvailable}, for a snapshot being created or copied. */
  public SnapshotInfo awaitSnapshotAvailable(String region, String snapshotId, Instant deadline) {
    String step = "wait until snapshot " + snapshotId + " is available";
    boolean perAttempt =
        Workflow.getVersion(Polls.SNAPSHOT_CHANGE_ID, Workflow.DEFAULT_VERSION, 1) >= 1;
    return await(
        step,
        deadline,
        RdsSnapshotActivities.class,
        perAttempt
            ? ActivityDefaults.pollUntil(deadline, step)
            : ActivityDefaults.waitUntil(deadline, step),
        perAttempt
            ? waiting -> waiting.pollSnapshotAvailable(region, snapshotId, deadline)
            : waiting -> waiting.awaitSnapshotAvailable(region, snapshotId, deadline),
        SnapshotInfo::status);
  }

  /**
   * One timeline step that waits through an activity of {@code type} whose schedule-to-close
   * deadline is {@code deadline}, shown in the run's current details while it waits.
   */
  private <A, T> T await(
      String step,
      Instant deadline,
      Class<A> type,
      io.temporal.activity.ActivityOptions options,
      Function<A, T> wait,
      Function<T, String> outcome) {
    A waiting = Workflow.newActivityStub(type, options);
    return timeline.step(step, () -> shown(step, deadline, () -> wait.apply(waiting)), outcome);
  }

  /** Runs {@code wait} with it in the run's current details, for as long as it waits. */
  private static <T> T shown(String step, Instant deadline, Supplier<T> wait) {
    CurrentDetails.waiting("**Waiting:** " + step + "; gives up at " + deadline);
    try {
      return wait.get();
    } finally {
      CurrentDetails.notWaiting();
    }
  }

  /**
   * Runs the validation queries on the restored instance; the source instance is read too when an
   * expectation compares with it.
   */
  public ValidationReport validate(
      ServiceDefinition service,
      String region,
      InstanceInfo restored,
      List<ValidationQuery> queries) {
    String dbName = service.spec().database().name();
    DatabaseTarget target =
        new DatabaseTarget(
            region, restored.instanceId(), restored.endpointAddress(), restored.port(), dbName);
    boolean needsSource =
        queries.stream().anyMatch(q -> q.expect().withinPercentOfSource() != null);
    DatabaseTarget source = null;
    if (needsSource) {
      String sourceRegion = service.regions().primary();
      InstanceInfo src = rds.describeInstance(sourceRegion, service.spec().database().instance());
      source =
          new DatabaseTarget(
              sourceRegion, src.instanceId(), src.endpointAddress(), src.port(), dbName);
    }
    DatabaseTarget from = source;
    return timeline.step(
        "validate data on " + restored.instanceId(),
        () -> data.validate(target, from, queries),
        ValidationReport::summary);
  }

  /** See {@link Cleanup#endRun}. */
  public RuntimeException cleanUpAfter(TemporalFailure failure, Cleanup cleanup, String kept) {
    return cleanup.endRun(failure, timeline, phases, kept);
  }

  /** The evidence of a failed validation, one clause per failed query. */
  public static String evidence(ValidationReport report) {
    return report.summary()
        + ": "
        + String.join(
            "; ",
            report.outcomes().stream()
                .filter(o -> !o.pass())
                .map(
                    o ->
                        o.name()
                            + " expected "
                            + o.expected()
                            + ", found "
                            + (o.found() == null ? "nothing" : o.found())
                            + (o.sourceValue() == null ? "" : " (source " + o.sourceValue() + ")")
                            + (o.error() == null ? "" : " [" + o.error() + "]"))
                .toList());
  }
}
