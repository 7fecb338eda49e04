package dev.drrunbooks.aws.ecs;

import static dev.drrunbooks.aws.ecs.EcsFailures.require;

import dev.drrunbooks.activities.ecs.EcsActivities;
import dev.drrunbooks.activities.ecs.EcsServiceCreate;
import dev.drrunbooks.activities.ecs.EcsServiceState;
import dev.drrunbooks.activities.ecs.EcsServiceUpdate;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.model.FailureType;
import dev.drrunbooks.model.Ownership;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionsRequest;
import software.amazon.awssdk.services.ecs.model.PropagateTags;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

/**
 * The runbook's ECS Service Recovery with the AWS SDK v2: name the known-good task definition,
 * update the service to it (forcing a new deployment), scale, and wait until ECS reports it steady.
 *
 * <p><b>Labels.</b> ECS has no {@code family:label}: the runbook's {@code inventory-service:stable}
 * is resolved here to the newest ACTIVE revision of the family tagged {@value #RELEASE_TAG}{@code
 * =stable} (ListTaskDefinitions, then DescribeTaskDefinition with its tags, newest first). A label
 * is never sent to ECS (AWS refuses it with a ClientException, moto with HTTP 500).
 *
 * <p><b>Idempotency.</b> update-service with the same task definition and count is a no-op in ECS.
 * A forced deployment is not: each one replaces every task. So a <i>retried</i> attempt of an
 * update that forces a deployment first looks at the service, and does not force again when the
 * primary deployment was created since the activity was first scheduled and the service already
 * runs the requested task definition: an earlier attempt (or someone else, just as recently)
 * already started it.
 */
public class EcsActivitiesImpl implements EcsActivities {
  private static final Logger log = LoggerFactory.getLogger(EcsActivitiesImpl.class);

  /** The tag whose value is a task definition's label: {@code release=stable}. */
  public static final String RELEASE_TAG = "release";

  /**
   * The default waits: 2 s doubling to 15 s. 15 s is the delay of the AWS CLI's and botocore's
   * services-stable waiter
   * (https://docs.aws.amazon.com/cli/latest/reference/ecs/wait/services-stable.html: "every 15
   * seconds"), denser than the RDS waits' 30 s cap: an ECS deployment ends within minutes, so a 30
   * s gap would be a large share of its time.
   */
  public static final Duration DEFAULT_INITIAL_POLL = Duration.ofSeconds(2);

  public static final Duration DEFAULT_MAX_POLL = Duration.ofSeconds(15);

  /** How many revisions a "no revision carries the label" message lists. */
  private static final int LIST_AT_MOST = 20;

  private final Function<String, EcsClient> ecs;
  private final SteadyPoller poller;

  public EcsActivitiesImpl(AwsClients aws) {
    this(aws::ecs, DEFAULT_INITIAL_POLL, DEFAULT_MAX_POLL);
  }

  public EcsActivitiesImpl(AwsClients aws, Duration initialPoll, Duration maxPoll) {
    this(aws::ecs, initialPoll, maxPoll);
  }

  /**
   * @param ecs the ECS client of a region (tests pass a scripted one)
   */
  public EcsActivitiesImpl(
      Function<String, EcsClient> ecs, Duration initialPoll, Duration maxPoll) {
    this.ecs = ecs;
    this.poller = new SteadyPoller(initialPoll, maxPoll, Clock.systemUTC());
  }

  // ---- task definitions -------------------------------------------------------------------------

  @Override
  public String resolveTaskDefinition(String region, String familyAndLabel) {
    require(region, "region");
    TaskDefinitionRef ref = TaskDefinitionRef.parse(familyAndLabel);
    if (ref.isExact()) return exact(region, ref);
    List<String> revisions = activeRevisions(region, ref.family());
    if (revisions.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "ECS task definition family '"
              + ref.family()
              + "' has no ACTIVE revision in "
              + region
              + (ref.isLabel() ? ", so none tagged " + RELEASE_TAG + "=" + ref.label() : ""),
          "EcsTaskDefinitionNotFound");
    }
    if (!ref.isLabel()) {
      String arn = revisions.get(0);
      log.info("task definition {} in {} is {} (newest ACTIVE revision)", ref.text(), region, arn);
      return arn;
    }
    List<String> lookedAt = new ArrayList<>();
    for (String revisionArn : revisions) {
      DescribeTaskDefinitionResponse r = describe(region, revisionArn, true);
      TaskDefinition td = r.taskDefinition();
      if (!TaskDefinitionStatus.ACTIVE.equals(td.status()))
        continue; // deregistered since it was listed
      Optional<String> release =
          r.hasTags()
              ? r.tags().stream()
                  .filter(t -> RELEASE_TAG.equals(t.key()))
                  .map(Tag::value)
                  .findFirst()
              : Optional.empty();
      if (release.isPresent() && release.get().equals(ref.label())) {
        log.info(
            "task definition {} in {} is {} (newest ACTIVE revision tagged {}={}; {} newer"
                + " revision(s) skipped)",
            ref.text(),
            region,
            td.taskDefinitionArn(),
            RELEASE_TAG,
            ref.label(),
            lookedAt.size());
        return td.taskDefinitionArn();
      }
      lookedAt.add(
          td.revision()
              + " ("
              + release.map(v -> RELEASE_TAG + "=" + v).orElse("no " + RELEASE_TAG + " tag")
              + ")");
    }
    String listed =
        lookedAt.size() <= LIST_AT_MOST
            ? String.join(", ", lookedAt)
            : String.join(", ", lookedAt.subList(0, LIST_AT_MOST))
                + ", ... ("
                + (lookedAt.size() - LIST_AT_MOST)
                + " more)";
    throw ApplicationFailure.newNonRetryableFailure(
        "no ACTIVE revision of ECS task definition family '"
            + ref.family()
            + "' in "
            + region
            + " is tagged "
            + RELEASE_TAG
            + "="
            + ref.label()
            + " (asked for '"
            + ref.text()
            + "'); looked at "
            + lookedAt.size()
            + " revision(s), newest first: "
            + listed,
        "EcsTaskDefinitionNotFound");
  }

  /** An ARN or family:revision: described as is, and it must be ACTIVE. */
  private String exact(String region, TaskDefinitionRef ref) {
    TaskDefinition td = describe(region, ref.text(), false).taskDefinition();
    if (!TaskDefinitionStatus.ACTIVE.equals(td.status())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "ECS task definition '"
              + ref.familyRevision()
              + "' in "
              + region
              + " is "
              + td.statusAsString()
              + " (deregistered): ECS starts no new tasks from it; name an ACTIVE revision "
              + "or a label",
          "EcsTaskDefinitionInactive");
    }
    return td.taskDefinitionArn();
  }

  private DescribeTaskDefinitionResponse describe(
      String region, String taskDefinition, boolean withTags) {
    try {
      return ecs.apply(region)
          .describeTaskDefinition(
              r -> {
                r.taskDefinition(taskDefinition);
                if (withTags) r.include(TaskDefinitionField.TAGS);
              });
    } catch (SdkException e) {
      if ("ClientException".equals(EcsFailures.code(e))) {
        // ECS answers ClientException "Unable to describe task definition." for one that does not
        // exist
        throw ApplicationFailure.newNonRetryableFailure(
            "ECS task definition '"
                + TaskDefinitionRef.familyRevisionOf(taskDefinition)
                + "' not found in "
                + region
                + " ("
                + e.getMessage()
                + ")",
            "EcsTaskDefinitionNotFound");
      }
      throw EcsFailures.translate(
          e, "describe-task-definition " + taskDefinition + " in " + region);
    }
  }

  /**
   * ARNs of the ACTIVE revisions of exactly this family (ECS's familyPrefix is a prefix), newest
   * first.
   */
  private List<String> activeRevisions(String region, String family) {
    try {
      ListTaskDefinitionsRequest request =
          ListTaskDefinitionsRequest.builder()
              .familyPrefix(family)
              .status(TaskDefinitionStatus.ACTIVE)
              .sort(SortOrder.DESC)
              .build();
      List<String> arns = new ArrayList<>();
      for (String arn :
          ecs.apply(region).listTaskDefinitionsPaginator(request).taskDefinitionArns()) {
        if (family.equals(TaskDefinitionRef.familyOf(arn)) && TaskDefinitionRef.revisionOf(arn) > 0)
          arns.add(arn);
      }
      // moto ignores sort
      arns.sort(Comparator.comparingInt(TaskDefinitionRef::revisionOf).reversed());
      return arns;
    } catch (SdkException e) {
      throw EcsFailures.translate(e, "list-task-definitions " + family + " in " + region);
    }
  }

  // ---- services ---------------------------------------------------------------------------------

  @Override
  public EcsServiceState describeService(String region, String cluster, String service) {
    require(region, "region");
    require(cluster, "cluster");
    require(service, "service");
    return toState(activeService(region, cluster, service), cluster);
  }

  /**
   * describe-services: the service, ACTIVE (or DRAINING); missing or INACTIVE fails non-retryably.
   */
  Service activeService(String region, String cluster, String service) {
    DescribeServicesResponse r;
    try {
      r = ecs.apply(region).describeServices(b -> b.cluster(cluster).services(service));
    } catch (ClusterNotFoundException e) {
      throw EcsFailures.clusterNotFound(region, cluster);
    } catch (SdkException e) {
      throw EcsFailures.translate(
          e, "describe-services " + service + " in cluster " + cluster + " in " + region);
    }
    Optional<Service> found =
        r.hasServices() ? r.services().stream().findFirst() : Optional.empty();
    if (found.isEmpty()) {
      String reason =
          r.hasFailures()
              ? r.failures().stream()
                  .map(Failure::reason)
                  .filter(x -> x != null)
                  .findFirst()
                  .orElse(null)
              : null;
      throw EcsFailures.serviceNotFound(region, cluster, service, reason);
    }
    if ("INACTIVE".equals(found.get().status()))
      throw EcsFailures.serviceInactive(region, cluster, service);
    return found.get();
  }

  @Override
  public EcsServiceState updateService(EcsServiceUpdate update) {
    return update(update, earlierAttemptsSince());
  }

  @Override
  public EcsServiceState createService(EcsServiceCreate c) {
    if (c == null || c.owner() == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "create-service needs the service and its owner", FailureType.INVALID_INPUT.type());
    }
    Optional<Service> existing = findService(c.region(), c.cluster(), c.service());
    if (existing.isPresent()) {
      Map<String, String> tags = tagsOf(c.region(), existing.get());
      if (!c.owner().owns(tags)) {
        throw ApplicationFailure.newNonRetryableFailure(
            "ECS service '"
                + c.service()
                + "' in cluster '"
                + c.cluster()
                + "' ("
                + c.region()
                + ") exists and is not this run's: tags "
                + tags
                + "; it would need "
                + c.owner().requiredTags(),
            FailureType.NOT_OWNED.type());
      }
      return toState(existing.get(), c.cluster());
    }
    try {
      Service created =
          ecs.apply(c.region())
              .createService(
                  b -> {
                    b.cluster(c.cluster())
                        .serviceName(c.service())
                        .taskDefinition(c.taskDefinitionArn())
                        .desiredCount(c.desiredCount())
                        .propagateTags(PropagateTags.SERVICE)
                        .tags(
                            c.owner().tags().entrySet().stream()
                                .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build())
                                .toList());
                    if (!c.subnets().isEmpty()) {
                      b.networkConfiguration(
                          n ->
                              n.awsvpcConfiguration(
                                  a -> a.subnets(c.subnets()).securityGroups(c.securityGroups())));
                    }
                  })
              .service();
      return toState(created, c.cluster());
    } catch (ClusterNotFoundException e) {
      throw EcsFailures.clusterNotFound(c.region(), c.cluster());
    } catch (SdkException e) {
      throw EcsFailures.translate(
          e, "create-service " + c.service() + " in cluster " + c.cluster() + " in " + c.region());
    }
  }

  @Override
  public String deleteOwnedService(String region, String cluster, String service, Ownership owner) {
    if (owner == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "delete-service needs the owner to check", FailureType.INVALID_INPUT.type());
    }
    Optional<Service> found = findService(region, cluster, service);
    if (found.isEmpty()) return "already gone";
    Map<String, String> tags = tagsOf(region, found.get());
    if (!owner.owns(tags)) {
      throw EcsFailures.notOwned(
          "ECS service '" + service + "' in cluster '" + cluster + "'", region, tags, owner);
    }
    try {
      ecs.apply(region).deleteService(b -> b.cluster(cluster).service(service).force(true));
      return "deleting";
    } catch (SdkException e) {
      throw EcsFailures.translate(
          e, "delete-service " + service + " in cluster " + cluster + " in " + region);
    }
  }

  /**
   * The service if it exists and is not INACTIVE (deleted services linger as INACTIVE); no cluster:
   * empty.
   */
  private Optional<Service> findService(String region, String cluster, String service) {
    try {
      DescribeServicesResponse r =
          ecs.apply(region).describeServices(b -> b.cluster(cluster).services(service));
      return r.hasServices()
          ? r.services().stream().filter(s -> !"INACTIVE".equals(s.status())).findFirst()
          : Optional.empty();
    } catch (ClusterNotFoundException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw EcsFailures.translate(
          e, "describe-services " + service + " in cluster " + cluster + " in " + region);
    }
  }

  private Map<String, String> tagsOf(String region, Service s) {
    try {
      return ecs
          .apply(region)
          .listTagsForResource(b -> b.resourceArn(s.serviceArn()))
          .tags()
          .stream()
          .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
    } catch (SdkException e) {
      throw EcsFailures.translate(e, "list-tags-for-resource " + s.serviceArn() + " in " + region);
    }
  }

  /**
   * @param earlierAttemptsSince when this is a retried attempt: when the activity was first
   *     scheduled, so a forced deployment an earlier attempt started can be recognised and not
   *     forced again
   */
  EcsServiceState update(EcsServiceUpdate u, Optional<Instant> earlierAttemptsSince) {
    if (u == null) throw EcsFailures.invalidInput("the update is required");
    require(u.region(), "region");
    require(u.cluster(), "cluster");
    require(u.service(), "service");
    String taskDefinition =
        u.taskDefinition() == null || u.taskDefinition().isBlank()
            ? null
            : u.taskDefinition().trim();
    if (taskDefinition != null && TaskDefinitionRef.parse(taskDefinition).isLabel()) {
      throw EcsFailures.invalidInput(
          "taskDefinition '"
              + taskDefinition
              + "' is a label, which ECS does not understand: resolve it first"
              + " (resolveTaskDefinition) and update to the ARN it names");
    }
    if (u.desiredCount() != null && u.desiredCount() < 0) {
      throw EcsFailures.invalidInput("desiredCount must be 0 or more, was " + u.desiredCount());
    }
    if (taskDefinition == null && u.desiredCount() == null && !u.forceNewDeployment()) {
      throw EcsFailures.invalidInput(
          "update of service "
              + u.service()
              + " in cluster "
              + u.cluster()
              + " names nothing to change: give a taskDefinition, a desiredCount or"
              + " forceNewDeployment");
    }
    String where = u.service() + " in cluster " + u.cluster() + " in " + u.region();
    boolean force = u.forceNewDeployment();
    if (force && earlierAttemptsSince.isPresent()) {
      Service current = activeService(u.region(), u.cluster(), u.service());
      Optional<String> started =
          deploymentStartedSince(current, taskDefinition, earlierAttemptsSince.get());
      if (started.isPresent()) {
        log.info("update-service {}: not forcing another deployment, {}", where, started.get());
        force = false;
      }
    }
    if (taskDefinition == null && u.desiredCount() == null && !force) {
      return describeService(u.region(), u.cluster(), u.service());
    }
    UpdateServiceRequest.Builder request =
        UpdateServiceRequest.builder().cluster(u.cluster()).service(u.service());
    if (taskDefinition != null) request.taskDefinition(taskDefinition);
    if (u.desiredCount() != null) request.desiredCount(u.desiredCount());
    if (force) request.forceNewDeployment(true);
    try {
      Service s = ecs.apply(u.region()).updateService(request.build()).service();
      // AWS refuses an INACTIVE service (ServiceNotActiveException); moto updates it and says so
      // only here
      if ("INACTIVE".equals(s.status()))
        throw EcsFailures.serviceInactive(u.region(), u.cluster(), u.service());
      EcsServiceState state = toState(s, u.cluster());
      log.info(
          "update-service {}{}{}{}: {}",
          where,
          taskDefinition == null ? "" : " task definition " + taskDefinition,
          u.desiredCount() == null ? "" : " desired " + u.desiredCount(),
          force ? " (forced new deployment)" : "",
          state.describe());
      return state;
    } catch (ClusterNotFoundException e) {
      throw EcsFailures.clusterNotFound(u.region(), u.cluster());
    } catch (ServiceNotFoundException e) {
      throw EcsFailures.serviceNotFound(u.region(), u.cluster(), u.service(), null);
    } catch (ServiceNotActiveException e) {
      throw EcsFailures.serviceInactive(u.region(), u.cluster(), u.service());
    } catch (SdkException e) {
      throw EcsFailures.translate(e, "update-service " + where);
    }
  }

  /**
   * Why a retried forced update need not force again: the primary deployment was created at or
   * after {@code since} and the service runs the requested task definition (any, when none was
   * requested).
   */
  static Optional<String> deploymentStartedSince(
      Service current, String taskDefinition, Instant since) {
    if (taskDefinition != null && !sameTaskDefinition(current.taskDefinition(), taskDefinition))
      return Optional.empty();
    if (!current.hasDeployments()) return Optional.empty();
    return current.deployments().stream()
        .filter(
            d ->
                "PRIMARY".equals(d.status())
                    && d.createdAt() != null
                    && !d.createdAt().isBefore(since))
        .findFirst()
        .map(
            d ->
                "deployment "
                    + d.id()
                    + " of "
                    + current.taskDefinition()
                    + " was started at "
                    + d.createdAt()
                    + ", after this activity was first scheduled ("
                    + since
                    + "): an earlier attempt forced it");
  }

  /**
   * Same task definition, whether named by ARN or family:revision (a bare family matches nothing).
   */
  static boolean sameTaskDefinition(String current, String requested) {
    if (current == null || requested == null) return false;
    String a = TaskDefinitionRef.familyRevisionOf(current);
    String b = TaskDefinitionRef.familyRevisionOf(requested);
    return a.contains(":") && a.equals(b);
  }

  /**
   * When the activity was first scheduled, if this is a retried attempt; empty outside an activity.
   */
  private static Optional<Instant> earlierAttemptsSince() {
    ActivityInfo info;
    try {
      info = Activity.getExecutionContext().getInfo();
    } catch (IllegalStateException | UnsupportedOperationException e) {
      return Optional.empty(); // called directly, not as an activity
    }
    return info.getAttempt() > 1
        ? Optional.of(Instant.ofEpochMilli(info.getScheduledTimestamp()))
        : Optional.empty();
  }

  @Override
  public EcsServiceState awaitSteady(
      String region, String cluster, String service, Instant deadline) {
    return steady(region, cluster, service, null, deadline, false);
  }

  @Override
  public EcsServiceState awaitSteadyOn(
      String region, String cluster, String service, String taskDefinitionArn, Instant deadline) {
    require(taskDefinitionArn, "taskDefinitionArn");
    return steady(region, cluster, service, taskDefinitionArn, deadline, false);
  }

  @Override
  public EcsServiceState pollSteady(
      String region, String cluster, String service, Instant deadline) {
    return steady(region, cluster, service, null, deadline, true);
  }

  @Override
  public EcsServiceState pollSteadyOn(
      String region, String cluster, String service, String taskDefinitionArn, Instant deadline) {
    require(taskDefinitionArn, "taskDefinitionArn");
    return steady(region, cluster, service, taskDefinitionArn, deadline, true);
  }

  /**
   * The steady waits' one body: {@code perAttempt} polls once per activity attempt ({@link
   * SteadyPoller#pollOnce}), else loops heartbeating ({@link SteadyPoller#await}); both decide
   * alike. {@code requested} null: steady on any task definition.
   */
  private EcsServiceState steady(
      String region,
      String cluster,
      String service,
      String requested,
      Instant deadline,
      boolean perAttempt) {
    require(region, "region");
    require(cluster, "cluster");
    require(service, "service");
    Supplier<Service> describe = () -> activeService(region, cluster, service);
    return perAttempt
        ? poller.pollOnce(region, cluster, service, requested, describe, deadline)
        : poller.await(region, cluster, service, requested, describe, deadline);
  }

  /** The contract's view of a described service; {@code cluster} when the response names none. */
  static EcsServiceState toState(Service s, String cluster) {
    String clusterName =
        s.clusterArn() == null
            ? cluster
            : s.clusterArn().substring(s.clusterArn().lastIndexOf('/') + 1);
    return new EcsServiceState(
        clusterName,
        s.serviceName(),
        s.taskDefinition(),
        n(s.desiredCount()),
        n(s.runningCount()),
        n(s.pendingCount()),
        s.hasDeployments() ? s.deployments().size() : 0,
        s.status());
  }

  private static int n(Integer i) {
    return i == null ? 0 : i;
  }

  @Override
  public String deleteClusterLeftByStack(String region, String cluster, Ownership owner) {
    if (owner == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "delete-cluster needs the owner to check", FailureType.INVALID_INPUT.type());
    }
    Cluster found;
    try {
      found =
          ecs
              .apply(region)
              .describeClusters(b -> b.clusters(cluster).include(ClusterField.TAGS))
              .clusters()
              .stream()
              .filter(c -> "ACTIVE".equals(c.status()))
              .findFirst()
              .orElse(null);
    } catch (SdkException e) {
      throw EcsFailures.translate(e, "describe-clusters " + cluster + " in " + region);
    }
    if (found == null) return "already gone";
    Map<String, String> tags =
        found.hasTags()
            ? found.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b))
            : Map.of();
    // Untagged: left by an emulator's stack deletion; tagged for another run: never ours to delete.
    if (tags.containsKey(Ownership.WORKFLOW_TAG) && !owner.owns(tags)) {
      throw EcsFailures.notOwned("ECS cluster '" + cluster + "'", region, tags, owner);
    }
    try {
      ecs.apply(region).deleteCluster(b -> b.cluster(cluster));
      return "deleted";
    } catch (ClusterNotFoundException e) {
      return "already gone";
    } catch (SdkException e) {
      throw EcsFailures.translate(e, "delete-cluster " + cluster + " in " + region);
    }
  }
}
