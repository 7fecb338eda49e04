package dev.drrunbooks.standby;

import dev.drrunbooks.activities.catalog.CatalogActivities;
import dev.drrunbooks.activities.rds.AuroraGlobalActivities;
import dev.drrunbooks.activities.rds.GlobalClusterState;
import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.RdsStandbyActivities;
import dev.drrunbooks.activities.rds.ReplicaLag;
import dev.drrunbooks.activities.rds.ReplicaRequest;
import dev.drrunbooks.activities.rds.ReplicaState;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.lock.LockedResource;
import dev.drrunbooks.lock.ResourceLocks;
import dev.drrunbooks.model.ActivityDefaults;
import dev.drrunbooks.model.AwsAccount;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Failures;
import dev.drrunbooks.model.InputRules;
import dev.drrunbooks.model.Outcome;
import dev.drrunbooks.model.Ownership;
import dev.drrunbooks.model.Phases;
import dev.drrunbooks.model.RunOwnership;
import dev.drrunbooks.model.ServiceLookup;
import dev.drrunbooks.model.Timeline;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Audits each selected service's standby replica (one describe), and when applying creates the
 * missing ones: refuses first, before anything changes, when the catalog lacks what a creation
 * needs; then per service takes the standby's lock (the standby failover's: never during a
 * failover), describes again under it, creates the replica from the catalog, waits until it is
 * available and replicating within the wait budget, and reads its lag once.
 *
 * <p>An instance of the replica's name that is anything else than a replica of the catalog's
 * primary is reported and never touched. What is created is kept: it is the standby, and it carries
 * {@link Ownership#KEPT_TAG} so that {@code dr cleanup} of this run refuses it too. A service's
 * lock is held from its creation to the run's end.
 *
 * <p>An aurora-global service's secondary cluster is audited ({@link AuroraSecondaryAudit}); an
 * apply adds a missing one to the global database ({@link AuroraSecondaryCreation}) when no cluster
 * of its name exists at all. Runs before {@link #AURORA_CREATE} created no Aurora cluster.
 */
public class StandbyInstantiateWorkflowImpl implements StandbyInstantiateWorkflow {
  static final String PROCEDURE = "standby-instantiate";

  /** What a run refuses in its input before it does anything (the starter checks them too). */
  public static final StandbyInstantiateInputRules RULES = new StandbyInstantiateInputRules();

  /**
   * Version 1: aurora-global services are audited too (their secondary cluster in the global
   * cluster, {@link AuroraSecondaryAudit}); before it they were refused when named and left out of
   * "all", as a replay of such a run still does.
   */
  static final String AURORA_AUDIT = "standby-instantiate-aurora-global";

  /**
   * Version 1: an apply adds an aurora-global service's missing secondary cluster and its reader
   * ({@link AuroraSecondaryCreation}); before it, such an apply was refused when the service was
   * named and the secondary reported with how to add it for "all", as a replay of such a run still
   * does. Read only where an apply meets an aurora-global service.
   */
  static final String AURORA_CREATE = "standby-instantiate-aurora-create";

  /** How far back the new replica's first ReplicaLag datapoint is looked for. */
  static final Duration LAG_WINDOW = Duration.ofMinutes(5);

  private final CatalogActivities catalog = ActivityDefaults.shortCallStub(CatalogActivities.class);
  private final RdsStandbyActivities rds =
      ActivityDefaults.shortCallStub(RdsStandbyActivities.class);
  private final AuroraGlobalActivities aurora =
      ActivityDefaults.shortCallStub(AuroraGlobalActivities.class);

  private final Timeline timeline = new Timeline();
  private final Phases phases = new Phases();
  private final ResourceLocks locks = new ResourceLocks();
  private final List<StandbyInstantiateCheck> checks = new ArrayList<>();
  private final AuroraSecondaryCreation auroraCreation =
      new AuroraSecondaryCreation(timeline, locks, d -> detail = d);
  private Boolean auroraCreates;
  private String currentService;
  private String detail = "";
  private Ownership owner;

  @Override
  public StandbyInstantiateResult run(StandbyInstantiateInput input) {
    return locks.holdingWhile(() -> instantiate(input));
  }

  private StandbyInstantiateResult instantiate(StandbyInstantiateInput input) {
    StandbyInstantiateInput in =
        input == null ? new StandbyInstantiateInput(null, null, null) : input;
    RULES.checkInput(in, Timeline.now());
    Duration budget = StandbyInstantiateInputRules.waitBudget(in);
    boolean apply = in.applyChanges();
    phases.tag(PROCEDURE, in.selector());

    phases.enter("resolve");
    List<ServiceDefinition> selected = ServiceLookup.resolveAll(catalog, timeline, in.selector());
    RULES.checkServices(in, selected, this::auroraCreates);
    boolean auroraToo =
        selected.stream().anyMatch(StandbyInstantiateInputRules::isAuroraGlobal)
            && Workflow.getVersion(AURORA_AUDIT, Workflow.DEFAULT_VERSION, 1) >= 1;
    if (!auroraToo && !InputRules.ALL.equals(in.selector()))
      selected.forEach(Standby::of); // the refusal of an aurora-global service before version 1
    List<ServiceDefinition> services =
        StandbyInstantiateInputRules.withStandby(selected, auroraToo);

    phases.enter("audit");
    for (ServiceDefinition service : services) {
      currentService = service.key();
      checks.add(AwsAccount.in(service.accountId(), () -> audit(service)));
    }

    if (apply) {
      // Every refusal the catalog makes certain comes before the first change.
      for (int i = 0; i < services.size(); i++) {
        if (createsReplica(services.get(i), checks.get(i)))
          StandbyInstantiateRequest.of(services.get(i), Standby.of(services.get(i)), ownership());
        if (createsSecondary(services.get(i), checks.get(i)))
          AuroraSecondaryRequest.cluster(
              services.get(i), Standby.ofAnyStandby(services.get(i)), ownership());
      }
      phases.enter("apply");
      for (int i = 0; i < services.size(); i++) {
        ServiceDefinition service = services.get(i);
        StandbyInstantiateCheck audited = checks.get(i);
        if (createsSecondary(service, audited)) {
          currentService = service.key();
          checks.set(
              i,
              AwsAccount.in(
                  service.accountId(),
                  () -> auroraCreation.create(service, audited, budget, ownership())));
          continue;
        }
        if (!createsReplica(service, audited)) {
          if (audited.action() == StandbyInstantiateAction.MISSING)
            checks.set(i, audited.withDetail(beforeAuroraCreate(service, audited)));
          continue;
        }
        currentService = service.key();
        checks.set(i, AwsAccount.in(service.accountId(), () -> create(service, audited, budget)));
      }
    } else {
      for (int i = 0; i < services.size(); i++)
        if (checks.get(i).action() == StandbyInstantiateAction.MISSING)
          checks.set(
              i, checks.get(i).withDetail(whatAnApplyWouldDo(services.get(i), checks.get(i))));
    }
    currentService = null;
    detail = "";
    phases.enter("done");
    return StandbyInstantiateResult.of(
        apply,
        services.stream().map(ServiceDefinition::key).toList(),
        List.copyOf(checks),
        timeline.entries());
  }

  /** A missing replica an apply creates (an Aurora secondary is {@link #createsSecondary}). */
  private static boolean createsReplica(
      ServiceDefinition service, StandbyInstantiateCheck audited) {
    return audited.action() == StandbyInstantiateAction.MISSING
        && !StandbyInstantiateInputRules.isAuroraGlobal(service);
  }

  /**
   * A missing secondary cluster an apply adds (the version marker is read only here and in the
   * input check, where an apply meets an aurora-global service).
   */
  private boolean createsSecondary(ServiceDefinition service, StandbyInstantiateCheck audited) {
    return audited.action() == StandbyInstantiateAction.MISSING
        && StandbyInstantiateInputRules.isAuroraGlobal(service)
        && auroraCreates();
  }

  /**
   * Whether this run's apply adds missing Aurora secondaries ({@link #AURORA_CREATE}), read once.
   */
  private boolean auroraCreates() {
    if (auroraCreates == null)
      auroraCreates = Workflow.getVersion(AURORA_CREATE, Workflow.DEFAULT_VERSION, 1) >= 1;
    return auroraCreates;
  }

  /** One describe of the service's replica, as a check; an unreadable one is FAILED. */
  private StandbyInstantiateCheck audit(ServiceDefinition service) {
    if (StandbyInstantiateInputRules.isAuroraGlobal(service)) return auditAurora(service);
    Standby standby = Standby.of(service);
    detail = "describing " + standby.replicaLabel();
    try {
      ReplicaState state = describe(standby);
      return StandbyInstantiateCheck.of(service.key(), standby, state);
    } catch (ActivityFailure e) {
      return new StandbyInstantiateCheck(
          service.key(),
          standby.replicaLabel(),
          standby.primaryArn(),
          "unknown",
          StandbyInstantiateAction.FAILED,
          null,
          "could not describe it: " + Failures.rootMessage(e));
    }
  }

  /**
   * One describe of the global cluster from the secondary's region and, for a replicating
   * secondary, its AuroraGlobalDBReplicationLag, as a check; an unreadable one is FAILED.
   */
  private StandbyInstantiateCheck auditAurora(ServiceDefinition service) {
    Standby standby = Standby.ofAnyStandby(service);
    detail = "describing " + standby.globalCluster() + " for " + standby.replicaLabel();
    try {
      GlobalClusterState state =
          timeline.step(
              "describe global cluster " + standby.globalCluster(),
              () -> aurora.describeGlobalCluster(standby.replicaRegion(), standby.globalCluster()),
              AuroraGlobalSteps::describe);
      boolean replicates =
          state.member(standby.replicaArn()).map(m -> m.replicatingSecondary()).orElse(false);
      ReplicaLag lag =
          replicates
              ? timeline.step(
                  "read AuroraGlobalDBReplicationLag of " + standby.replicaInstance(),
                  () ->
                      aurora.replicationLag(
                          standby.replicaRegion(), standby.replicaInstance(), LAG_WINDOW),
                  l -> l.hasData() ? l.seconds() + " s at " + l.at() : "no datapoint")
              : null;
      return AuroraSecondaryAudit.of(
          service.key(), standby, state, lag, StandbyLagAllowance.of(service.spec()));
    } catch (ActivityFailure e) {
      return new StandbyInstantiateCheck(
          service.key(),
          standby.replicaLabel(),
          standby.primaryArn(),
          "unknown",
          StandbyInstantiateAction.FAILED,
          null,
          "could not describe it: " + Failures.rootMessage(e));
    }
  }

  private ReplicaState describe(Standby standby) {
    return timeline.step(
        "describe standby " + standby.replicaLabel(),
        () -> rds.describeReplica(standby.replicaRegion(), standby.replicaInstance()),
        ReplicaState::describe);
  }

  /**
   * Under the standby's lock: describe again (a failover or another apply may have acted since the
   * audit), create, wait, read the lag. Failures end this service's check, not the run.
   */
  private StandbyInstantiateCheck create(
      ServiceDefinition service, StandbyInstantiateCheck audited, Duration budget) {
    Standby standby = Standby.of(service);
    String lock = LockedResource.STANDBY.named(service.key());
    detail = "taking the lock " + lock;
    try {
      locks.acquire(lock, PROCEDURE);
    } catch (ApplicationFailure held) {
      if (!FailureType.ALREADY_RUNNING.type().equals(held.getType())) throw held;
      timeline.record("lock " + lock, Timeline.now(), Outcome.FAILED, held.getOriginalMessage());
      return audited.failed(held.getOriginalMessage() + " Nothing was created.");
    }
    StandbyInstantiateCheck now;
    try {
      now = StandbyInstantiateCheck.of(service.key(), standby, describe(standby));
    } catch (ActivityFailure e) {
      return audited.failed(
          "could not describe it again under the lock: "
              + Failures.rootMessage(e)
              + "; nothing was created");
    }
    if (now.action() != StandbyInstantiateAction.MISSING)
      return now.withDetail(
          "appeared since the audit (another run made it): left as found"
              + (now.detail() == null ? "" : "; " + now.detail()));

    ReplicaRequest request = StandbyInstantiateRequest.of(service, standby, ownership());
    String replica = standby.replicaInstance();
    detail = "creating " + standby.replicaLabel() + " of " + standby.primaryArn();
    try {
      timeline.step(
          "create replica " + standby.replicaLabel() + " of " + standby.primaryArn(),
          () -> rds.createReplica(request),
          InstanceInfo::status);
    } catch (ActivityFailure e) {
      return now.failed("RDS refused the replica: " + Failures.rootMessage(e));
    }

    Instant deadline = Timeline.now().plus(budget);
    String step = "wait until " + replica + " is available and replicating";
    detail = step + " (until " + deadline + ")";
    RdsStandbyActivities waiting =
        Workflow.newActivityStub(
            RdsStandbyActivities.class, ActivityDefaults.pollUntil(deadline, step));
    ReplicaState ready;
    try {
      ready =
          timeline.step(
              step,
              () -> waiting.pollReplicaAvailable(standby.replicaRegion(), replica, deadline),
              ReplicaState::describe);
    } catch (ActivityFailure e) {
      return now.failed(
          "created, but not available and replicating: "
              + Failures.rootMessage(e)
              + ". It is kept (tagged "
              + Ownership.KEPT_TAG
              + "="
              + Ownership.KEPT_STANDBY
              + "); audit again once RDS has finished, or delete it by hand");
    }
    return now.created(ready, lag(standby));
  }

  /** The new replica's first ReplicaLag; unreadable is no datapoint, not a failure of the check. */
  private ReplicaLag lag(Standby standby) {
    try {
      return timeline.step(
          "read ReplicaLag of " + standby.replicaInstance(),
          () ->
              rds.replicaLagSeconds(standby.replicaRegion(), standby.replicaInstance(), LAG_WINDOW),
          l -> l.hasData() ? l.seconds() + " s at " + l.at() : "no datapoint yet");
    } catch (ActivityFailure e) {
      return ReplicaLag.noData();
    }
  }

  /**
   * A MISSING standby an apply did not create: a replica the catalog refuses, or an aurora-global
   * secondary of a run before {@link #AURORA_CREATE}.
   */
  private String beforeAuroraCreate(ServiceDefinition service, StandbyInstantiateCheck audited) {
    if (StandbyInstantiateInputRules.isAuroraGlobal(service))
      return AuroraSecondaryAudit.howToAdd(Standby.ofAnyStandby(service));
    return whatAnApplyWouldDo(service, audited);
  }

  private String whatAnApplyWouldDo(ServiceDefinition service, StandbyInstantiateCheck audited) {
    if (StandbyInstantiateInputRules.isAuroraGlobal(service))
      return AuroraSecondaryAudit.whatAnApplyDoes(service, Standby.ofAnyStandby(service), audited);
    Standby standby = Standby.of(service);
    String refusal = StandbyInstantiateRequest.refusalOf(service, standby);
    if (refusal != null) return "an apply would be refused: " + refusal;
    return "an apply creates it as a read replica of "
        + standby.primaryArn()
        + " in subnet group "
        + service.spec().database().drRestore().subnetGroup()
        + ", tagged with its run and kept as the standby";
  }

  /** This run's ownership, read once (its version marker) when first needed. */
  private Ownership ownership() {
    if (owner == null) owner = RunOwnership.current(PROCEDURE);
    return owner;
  }

  @Override
  public StandbyInstantiateStatus status() {
    return new StandbyInstantiateStatus(phases.current(), currentService, checks.size(), detail);
  }
}
