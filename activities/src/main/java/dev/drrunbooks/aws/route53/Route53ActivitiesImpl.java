package dev.drrunbooks.aws.route53;

import dev.drrunbooks.activities.route53.HealthCheckState;
import dev.drrunbooks.activities.route53.RecordSetSnapshot;
import dev.drrunbooks.activities.route53.Route53Activities;
import dev.drrunbooks.activities.route53.WeightChange;
import dev.drrunbooks.activities.route53.WeightedRecordState;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.AwsFailures;
import dev.drrunbooks.aws.StatusPoller;
import dev.drrunbooks.aws.rds.Polling;
import dev.drrunbooks.catalog.DnsRecordSpec;
import dev.drrunbooks.catalog.HealthCheckRef;
import dev.drrunbooks.catalog.WeightedTarget;
import dev.drrunbooks.model.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.HealthCheck;
import software.amazon.awssdk.services.route53.model.HealthCheckConfig;
import software.amazon.awssdk.services.route53.model.HealthCheckObservation;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The runbook's DNS failover step: the weighted Primary/Secondary sets of a record, changed in one
 * {@code change-resource-record-sets} batch of two UPSERTs that each send the set as listed with
 * only its weight changed, then {@code get-change} until INSYNC, then read back and compared field
 * by field with what was listed before; and the Route53 health check that watches the primary.
 *
 * <p>Route53 is global: {@link AwsClients#route53()} is the one client. The hosted zone is found by
 * name ({@code ListHostedZonesByName}, exact match, with or without the trailing dot; a public zone
 * wins over a private one of the same name). Zone, record sets and change are never created or
 * deleted here: only the weights of the two existing sets named in the catalog are written (a
 * missing set is refused, never created).
 *
 * <p>Failures: a missing zone, health check or change, an invalid change batch or input are
 * non-retryable and named; throttling, {@code PriorRequestNotComplete} (another change of the zone
 * is still being applied), 5xx and network errors are rethrown for Temporal to retry.
 */
public class Route53ActivitiesImpl implements Route53Activities {
  private static final Logger log = LoggerFactory.getLogger(Route53ActivitiesImpl.class);

  /** GetChange: 1 s, 2 s, 4 s, 8 s, then every 10 s. AWS propagates a change in about a minute. */
  public static final Polling DNS_POLLING =
      new Polling(Duration.ofSeconds(1), Duration.ofSeconds(10));

  /** Weights Route53 accepts. */
  static final long MAX_WEIGHT = 255;

  /** Errors of Route53 that asking again will not fix, beyond those {@link AwsFailures} knows. */
  private static final Set<String> PERMANENT =
      Set.of(
          "InvalidChangeBatch",
          FailureType.INVALID_INPUT.type(),
          "InvalidDomainName",
          "NoSuchHostedZone",
          "NoSuchHealthCheck",
          "NoSuchChange",
          "InvalidArgument");

  private final Supplier<Route53Client> route53;
  private final StatusPoller poller;

  public Route53ActivitiesImpl(AwsClients aws) {
    this(aws::route53, DNS_POLLING);
  }

  public Route53ActivitiesImpl(AwsClients aws, Polling polling) {
    this(aws::route53, polling);
  }

  /**
   * @param route53 the (global) Route53 client; tests pass a scripted one
   */
  public Route53ActivitiesImpl(Supplier<Route53Client> route53, Polling polling) {
    this.route53 = route53;
    this.poller = new StatusPoller(polling, Clock.systemUTC());
  }

  /** {@code api.mycomputer.com A in zone mycomputer.com (Z123)}: a record set, for messages. */
  private static String where(DnsRecordSpec record, String zoneId) {
    return record.name()
        + " "
        + record.type()
        + " in zone "
        + record.hostedZone()
        + " ("
        + zoneId
        + ")";
  }

  @Override
  public WeightedRecordState readWeights(DnsRecordSpec record) {
    requireRecord(record);
    String zoneId = zoneId(record.hostedZone());
    Map<String, ResourceRecordSet> sets = weightedSets(zoneId, record);
    Long primary = weightOf(sets.get(record.primary().setIdentifier()));
    Long secondary = weightOf(sets.get(record.secondary().setIdentifier()));
    log.info(
        "Route53 {} {} in zone {} ({}): {} {} / {} {}",
        record.name(),
        record.type(),
        record.hostedZone(),
        zoneId,
        record.primary().setIdentifier(),
        primary,
        record.secondary().setIdentifier(),
        secondary);
    return new WeightedRecordState(zoneId, record.name(), primary, secondary);
  }

  @Override
  public String upsertWeights(DnsRecordSpec record, long primaryWeight, long secondaryWeight) {
    return changeWeights(record, primaryWeight, secondaryWeight).changeId();
  }

  /**
   * Read-modify-write: each UPSERT is the set as ListResourceRecordSets returned it with only the
   * weight changed, because an UPSERT replaces the whole set with what is sent (a field left out,
   * such as {@code HealthCheckId}, is removed): AWS API Reference, ChangeResourceRecordSets,
   * https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html
   */
  @Override
  public WeightChange changeWeights(
      DnsRecordSpec record, long primaryWeight, long secondaryWeight) {
    requireRecord(record);
    requireWeight(primaryWeight, "primaryWeight", record);
    requireWeight(secondaryWeight, "secondaryWeight", record);
    String zoneId = zoneId(record.hostedZone());
    Map<String, ResourceRecordSet> sets = weightedSets(zoneId, record);
    ResourceRecordSet primary = existingWeighted(sets, record, record.primary(), zoneId);
    ResourceRecordSet secondary = existingWeighted(sets, record, record.secondary(), zoneId);
    String comment =
        "dr-runbooks: "
            + record.name()
            + " "
            + record.primary().setIdentifier()
            + " "
            + primaryWeight
            + " / "
            + record.secondary().setIdentifier()
            + " "
            + secondaryWeight;
    List<Change> changes =
        List.of(withWeight(primary, primaryWeight), withWeight(secondary, secondaryWeight));
    ChangeInfo info;
    try {
      info =
          route53
              .get()
              .changeResourceRecordSets(
                  r -> r.hostedZoneId(zoneId).changeBatch(b -> b.comment(comment).changes(changes)))
              .changeInfo();
    } catch (SdkException e) {
      throw translate(e, "change-resource-record-sets " + where(record, zoneId));
    }
    String changeId = stripPrefix(info.id(), "/change/");
    log.info("Route53 change {} ({}): {}", changeId, info.statusAsString(), comment);
    return new WeightChange(
        changeId, List.of(RecordSetFields.snapshot(primary), RecordSetFields.snapshot(secondary)));
  }

  /** The set as listed, only its weight changed: everything else is sent back exactly as it is. */
  private static Change withWeight(ResourceRecordSet current, long weight) {
    return Change.builder()
        .action(ChangeAction.UPSERT)
        .resourceRecordSet(current.toBuilder().weight(weight).build())
        .build();
  }

  /**
   * The catalog's set; missing or not weighted: non-retryable, for an UPSERT would create or
   * reshape it.
   */
  private static ResourceRecordSet existingWeighted(
      Map<String, ResourceRecordSet> sets,
      DnsRecordSpec record,
      WeightedTarget side,
      String zoneId) {
    ResourceRecordSet set = sets.get(side.setIdentifier());
    String what =
        "Route53 record set "
            + record.name()
            + " "
            + record.type()
            + " '"
            + side.setIdentifier()
            + "' in zone "
            + record.hostedZone()
            + " ("
            + zoneId
            + ")";
    if (set == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          what
              + " not found: refusing to create it; "
              + "create it (with its health check) or correct the catalog",
          "Route53RecordSetNotFound");
    }
    if (set.weight() == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          what + " is not a weighted set: refusing to change it", "Route53RecordSetNotWeighted");
    }
    return set;
  }

  @Override
  public WeightedRecordState verifyWeights(
      DnsRecordSpec record, WeightChange change, long primaryWeight, long secondaryWeight) {
    requireRecord(record);
    if (change == null || change.before() == null)
      throw invalid("change is missing: give what changeWeights returned");
    String zoneId = zoneId(record.hostedZone());
    Map<String, ResourceRecordSet> sets = weightedSets(zoneId, record);
    List<String> problems = new ArrayList<>();
    problems.addAll(mismatches(record.primary(), primaryWeight, change, sets));
    problems.addAll(mismatches(record.secondary(), secondaryWeight, change, sets));
    if (!problems.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Route53 record sets of "
              + where(record, zoneId)
              + " after change "
              + change.changeId()
              + " are not as intended: "
              + String.join("; ", problems),
          "Route53RecordSetMismatch");
    }
    WeightedRecordState state =
        new WeightedRecordState(zoneId, record.name(), primaryWeight, secondaryWeight);
    log.info(
        "Route53 {} verified after change {}: {}, every other field as before",
        record.name(),
        change.changeId(),
        state.describe());
    return state;
  }

  /**
   * What differs in one set: its weight from the intended one, any other field from before the
   * change.
   */
  private static List<String> mismatches(
      WeightedTarget side, long weight, WeightChange change, Map<String, ResourceRecordSet> sets) {
    String id = side.setIdentifier();
    ResourceRecordSet now = sets.get(id);
    if (now == null) return List.of("set '" + id + "' no longer exists");
    List<String> out = new ArrayList<>();
    if (!Long.valueOf(weight).equals(now.weight())) {
      out.add("set '" + id + "' Weight: intended " + weight + ", is " + now.weight());
    }
    RecordSetSnapshot before =
        change.before().stream()
            .filter(b -> id.equals(b.setIdentifier()))
            .findFirst()
            .orElseThrow(
                () ->
                    invalid(
                        "change "
                            + change.changeId()
                            + " has no record of set '"
                            + id
                            + "' before it"));
    RecordSetFields.differences(before, RecordSetFields.snapshot(now))
        .forEach(d -> out.add("set '" + id + "' " + d));
    return out;
  }

  @Override
  public String awaitInSync(String changeId, Instant deadline) {
    return inSync(changeId, deadline, false);
  }

  @Override
  public String pollInSync(String changeId, Instant deadline) {
    return inSync(changeId, deadline, true);
  }

  /**
   * The INSYNC wait's one body: {@code perAttempt} polls once per activity attempt ({@link
   * StatusPoller#pollOnce}), else loops heartbeating ({@link StatusPoller#await}). Both pause as
   * this poller's backoff says (by default {@link #DNS_POLLING}: denser than the AWS CLI's
   * resource-record-sets-changed waiter, which polls every 30 s:
   * https://docs.aws.amazon.com/cli/latest/reference/route53/wait/resource-record-sets-changed.html).
   * GetChange has no failed status (PENDING or INSYNC only), so only the deadline fails the wait.
   */
  private String inSync(String changeId, Instant deadline, boolean perAttempt) {
    if (changeId == null || changeId.isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "changeId is empty: give the id upsertWeights returned",
          FailureType.INVALID_INPUT.type());
    }
    String id = stripPrefix(changeId.trim(), "/change/");
    String subject = "Route53 change '" + id + "'";
    Supplier<ChangeInfo> getChange =
        () -> {
          try {
            return route53.get().getChange(r -> r.id(id)).changeInfo();
          } catch (SdkException e) {
            RuntimeException t = translate(e, "get-change " + id);
            if (t instanceof ApplicationFailure af && af.isNonRetryable()) throw af;
            throw e; // throttling, 5xx, network: a poll that saw nothing
          }
        };
    ChangeInfo info =
        perAttempt
            ? poller.pollOnce(
                subject,
                getChange,
                ChangeInfo::statusAsString,
                "INSYNC",
                Set.of(),
                "Route53BadState",
                deadline,
                poller.backoff())
            : poller.await(
                subject,
                getChange,
                ChangeInfo::statusAsString,
                "INSYNC",
                Set.of(),
                "Route53BadState",
                deadline);
    return info.statusAsString();
  }

  @Override
  public HealthCheckState healthCheckStatus(DnsRecordSpec record) {
    if (record == null) throw invalid("record is missing");
    HealthCheckRef ref = record.healthCheck();
    if (ref == null || blank(ref.id()) && blank(ref.fqdn())) {
      throw invalid(
          "DNS record "
              + record.name()
              + " has no healthCheck in the catalog (id, or fqdn and path)");
    }
    HealthCheck check = blank(ref.id()) ? findByTarget(ref) : byId(ref.id().trim());
    List<HealthCheckObservation> observations;
    try {
      observations =
          route53
              .get()
              .getHealthCheckStatus(r -> r.healthCheckId(check.id()))
              .healthCheckObservations();
    } catch (SdkException e) {
      throw translate(e, "get-health-check-status " + check.id());
    }
    int healthy = 0;
    List<String> failing = new ArrayList<>();
    for (HealthCheckObservation o : observations) {
      String status =
          o.statusReport() == null || o.statusReport().status() == null
              ? ""
              : o.statusReport().status();
      if (status.startsWith("Success")) {
        healthy++;
      } else {
        failing.add(
            (o.region() == null ? "?" : o.regionAsString())
                + ": "
                + (status.isEmpty() ? "no report" : status));
      }
    }
    StringBuilder detail =
        new StringBuilder()
            .append(describeTarget(check.healthCheckConfig()))
            .append(": ")
            .append(healthy)
            .append('/')
            .append(observations.size())
            .append(" checkers report Success");
    // Route 53: healthy when more than 18% of checkers report healthy (HealthCheckState#healthy)
    detail.append(
        new HealthCheckState(check.id(), healthy, observations.size(), "").healthy()
            ? " (healthy: more than 18%)"
            : " (unhealthy: 18% or fewer)");
    if (!failing.isEmpty())
      detail
          .append("; ")
          .append(String.join("; ", failing.subList(0, Math.min(3, failing.size()))));
    HealthCheckState state =
        new HealthCheckState(check.id(), healthy, observations.size(), detail.toString());
    log.info("Route53 health check {} {}", check.id(), state.detail());
    return state;
  }

  // ---- zone and record sets -------------------------------------------------------------------

  /**
   * The id (without /hostedzone/) of the zone named exactly {@code name}; missing: non-retryable.
   */
  String zoneId(String name) {
    String wanted = fqdn(name);
    List<HostedZone> matches = new ArrayList<>();
    String nextName = wanted;
    String nextId = null;
    try {
      while (true) {
        String startName = nextName;
        String startId = nextId;
        ListHostedZonesByNameResponse page =
            route53.get().listHostedZonesByName(r -> r.dnsName(startName).hostedZoneId(startId));
        boolean past = false;
        for (HostedZone z : page.hostedZones()) {
          if (fqdn(z.name()).equals(wanted)) {
            matches.add(z);
          } else {
            past =
                true; // zones come in name order from ours on: another name means ours are all seen
            break;
          }
        }
        if (past || !Boolean.TRUE.equals(page.isTruncated()) || page.nextDNSName() == null) break;
        nextName = page.nextDNSName();
        nextId = page.nextHostedZoneId();
      }
    } catch (SdkException e) {
      throw translate(e, "list-hosted-zones-by-name " + name);
    }
    if (matches.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Route53 hosted zone '" + name + "' not found", "Route53ZoneNotFound");
    }
    List<HostedZone> publicZones =
        matches.stream()
            .filter(z -> z.config() == null || !Boolean.TRUE.equals(z.config().privateZone()))
            .toList();
    List<HostedZone> candidates = publicZones.isEmpty() ? matches : publicZones;
    if (candidates.size() > 1) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Route53 has "
              + candidates.size()
              + " "
              + (publicZones.isEmpty() ? "private" : "public")
              + " hosted zones named '"
              + name
              + "' ("
              + String.join(
                  ", ", candidates.stream().map(z -> stripPrefix(z.id(), "/hostedzone/")).toList())
              + "): name the zone's id instead",
          "Route53ZoneAmbiguous");
    }
    return stripPrefix(candidates.get(0).id(), "/hostedzone/");
  }

  /** The record's sets (any set identifier) of its name and type, by set identifier. */
  private Map<String, ResourceRecordSet> weightedSets(String zoneId, DnsRecordSpec record) {
    Map<String, ResourceRecordSet> sets = new HashMap<>();
    try {
      for (ResourceRecordSet s :
          RecordSetsNamed.read(route53.get(), zoneId, record.name(), record.type()))
        if (s.setIdentifier() != null) sets.putIfAbsent(s.setIdentifier(), s);
    } catch (SdkException e) {
      throw translate(e, "list-resource-record-sets " + where(record, zoneId));
    }
    return sets;
  }

  private static Long weightOf(ResourceRecordSet s) {
    return s == null ? null : s.weight();
  }

  // ---- health checks --------------------------------------------------------------------------

  private HealthCheck byId(String id) {
    try {
      return route53.get().getHealthCheck(r -> r.healthCheckId(id)).healthCheck();
    } catch (SdkException e) {
      if (AwsFailures.isNotFound(e, "NoSuchHealthCheck")) {
        throw ApplicationFailure.newNonRetryableFailure(
            "Route53 health check '" + id + "' not found", "Route53HealthCheckNotFound");
      }
      throw translate(e, "get-health-check " + id);
    }
  }

  /**
   * The health check whose config checks the ref's FQDN and path; the lowest id when several do.
   */
  private HealthCheck findByTarget(HealthCheckRef ref) {
    String host = fqdn(ref.fqdn());
    String path = normalisePath(ref.path());
    List<HealthCheck> matches = new ArrayList<>();
    try {
      for (HealthCheck hc : route53.get().listHealthChecksPaginator(r -> {}).healthChecks()) {
        HealthCheckConfig c = hc.healthCheckConfig();
        if (c == null || c.fullyQualifiedDomainName() == null) continue;
        if (fqdn(c.fullyQualifiedDomainName()).equals(host)
            && normalisePath(c.resourcePath()).equals(path)) {
          matches.add(hc);
        }
      }
    } catch (SdkException e) {
      throw translate(e, "list-health-checks");
    }
    if (matches.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Route53 health check of "
              + ref.fqdn()
              + path
              + " not found (no health check has FullyQualifiedDomainName "
              + ref.fqdn()
              + " and ResourcePath "
              + path
              + ")",
          "Route53HealthCheckNotFound");
    }
    matches.sort(Comparator.comparing(HealthCheck::id));
    if (matches.size() > 1) {
      log.warn(
          "{} Route53 health checks watch {}{} ({}); using {}",
          matches.size(),
          ref.fqdn(),
          path,
          matches.stream().map(HealthCheck::id).toList(),
          matches.get(0).id());
    }
    return matches.get(0);
  }

  private static String describeTarget(HealthCheckConfig c) {
    if (c == null) return "health check";
    String where =
        c.fullyQualifiedDomainName() != null ? c.fullyQualifiedDomainName() : c.ipAddress();
    if (where == null) return c.typeAsString();
    return c.typeAsString()
        + " "
        + where
        + (c.port() == null ? "" : ":" + c.port())
        + (c.resourcePath() == null ? "" : normalisePath(c.resourcePath()));
  }

  // ---- input and names ------------------------------------------------------------------------

  private static void requireRecord(DnsRecordSpec record) {
    if (record == null) throw invalid("record is missing");
    if (blank(record.hostedZone()))
      throw invalid("DNS record " + record.name() + ": hostedZone is empty");
    if (blank(record.name()))
      throw invalid("DNS record in zone " + record.hostedZone() + ": name is empty");
    if (blank(record.type())) throw invalid("DNS record " + record.name() + ": type is empty");
    if (record.primary() == null || blank(record.primary().setIdentifier())) {
      throw invalid("DNS record " + record.name() + ": primary.setIdentifier is empty");
    }
    if (record.secondary() == null || blank(record.secondary().setIdentifier())) {
      throw invalid("DNS record " + record.name() + ": secondary.setIdentifier is empty");
    }
    if (record.primary().setIdentifier().equals(record.secondary().setIdentifier())) {
      throw invalid(
          "DNS record "
              + record.name()
              + ": primary and secondary have the same setIdentifier '"
              + record.primary().setIdentifier()
              + "'");
    }
  }

  private static void requireWeight(long weight, String field, DnsRecordSpec record) {
    if (weight < 0 || weight > MAX_WEIGHT) {
      throw invalid(
          field
              + " of "
              + record.name()
              + " must be between 0 and "
              + MAX_WEIGHT
              + ", was "
              + weight);
    }
  }

  private static ApplicationFailure invalid(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, FailureType.INVALID_INPUT.type());
  }

  private static RuntimeException translate(SdkException e, String attempted) {
    if (e instanceof AwsServiceException ase
        && ase.awsErrorDetails() != null
        && !ase.isThrottlingException()
        && ase.statusCode() < 500
        && PERMANENT.contains(ase.awsErrorDetails().errorCode())) {
      String code = ase.awsErrorDetails().errorCode();
      return ApplicationFailure.newNonRetryableFailure(
          attempted + " failed: " + code + ": " + ase.awsErrorDetails().errorMessage(),
          "Aws" + code);
    }
    return AwsFailures.translate(e, attempted);
  }

  /** Lower case with the trailing dot: how Route53 names compare. */
  static String fqdn(String name) {
    return RecordSetsNamed.fqdn(name);
  }

  private static String unescape(String name) {
    return RecordSetsNamed.unescape(name);
  }

  private static String normalisePath(String path) {
    if (path == null || path.isBlank()) return "/";
    String p = path.trim();
    return p.startsWith("/") ? p : "/" + p;
  }

  private static String stripPrefix(String id, String prefix) {
    return id != null && id.startsWith(prefix) ? id.substring(prefix.length()) : id;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
