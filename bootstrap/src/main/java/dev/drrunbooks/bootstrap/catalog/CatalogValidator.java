package dev.drrunbooks.bootstrap.catalog;

import dev.drrunbooks.bootstrap.calendar.CalendarField;
import dev.drrunbooks.catalog.BackupSpec;
import dev.drrunbooks.catalog.BucketSpec;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.DnsRecordSpec;
import dev.drrunbooks.catalog.DrBackupReplicationSpec;
import dev.drrunbooks.catalog.Durations;
import dev.drrunbooks.catalog.FailoverPolicy;
import dev.drrunbooks.catalog.ReplicationSpec;
import dev.drrunbooks.catalog.RestoreSettings;
import dev.drrunbooks.catalog.ScheduleSpec;
import dev.drrunbooks.catalog.ServiceSpec;
import dev.drrunbooks.catalog.ValidationQuery;
import dev.drrunbooks.catalog.WeightedTarget;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules Jackson cannot express: required fields, ranges, and references between entries. */
final class CatalogValidator {
  static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");
  private static final Pattern BACKUP_WINDOW =
      Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-3]):[0-5]\\d");
  private static final Pattern SECURITY_GROUP_ID = Pattern.compile("sg-[0-9a-f]{8}([0-9a-f]{9})?");
  private static final Pattern RDS_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._: -]{0,254}");

  /**
   * A KMS key ARN, arn:aws:kms:REGION:ACCOUNT:key/ID: RDS reports replicas' keys so, never by
   * alias.
   */
  private static final Pattern KMS_KEY_ARN =
      Pattern.compile("arn:aws:kms:([a-z0-9-]+):\\d{12}:key/[A-Za-z0-9-]+");

  private static final Pattern S3_PREFIX_PATTERN = Pattern.compile("[^\\p{Cntrl}]{0,1024}");
  private static final Pattern SCHEDULE_KEY = Pattern.compile("[a-z0-9]([a-z0-9-]{0,60}[a-z0-9])?");

  /** Temporal raises a shorter catch-up window to this. */
  private static final Duration MIN_CATCHUP_WINDOW = Duration.ofSeconds(10);

  private static final Set<String> STORAGE_CLASSES =
      Set.of(
          "STANDARD",
          "REDUCED_REDUNDANCY",
          "STANDARD_IA",
          "ONEZONE_IA",
          "INTELLIGENT_TIERING",
          "GLACIER",
          "DEEP_ARCHIVE",
          "GLACIER_IR");

  private final Catalog catalog;
  private final List<CatalogException.Problem> problems = new ArrayList<>();

  CatalogValidator(Catalog catalog) {
    this.catalog = catalog;
  }

  List<CatalogException.Problem> problems() {
    required("organisation", catalog.organisation());
    required("accountId", catalog.accountId());
    if (required("regions", catalog.regions())) {
      region("regions.primary", catalog.regions().primary());
      region("regions.dr", catalog.regions().dr());
    }
    if (catalog.services().isEmpty()) {
      problem("services", "at least one service is required");
    }
    problems.addAll(ApprovalRules.groups(catalog.approverGroups()));
    problems.addAll(AccountRules.check(catalog));
    catalog.services().forEach((key, spec) -> service("services." + key, spec));
    catalog.dnsRecords().forEach((key, dns) -> dnsRecord("dnsRecords." + key, dns));
    catalog.buckets().forEach((key, bucket) -> bucket("buckets." + key, bucket));
    catalog.scheduleKeys().forEach(key -> schedule(key, catalog.schedules().get(key)));
    return problems;
  }

  private void service(String at, ServiceSpec s) {
    if (!required(at, s)) return;
    required(at + ".displayName", s.displayName());
    required(at + ".priority", s.priority());
    if (required(at + ".objectives", s.objectives())) {
      notNegative(at + ".objectives.rto", s.objectives().rto());
      notNegative(at + ".objectives.rpo", s.objectives().rpo());
    }
    problems.addAll(RecoveryRules.check(catalog, at, s));
    for (int i = 0; i < s.dependsOn().size(); i++) {
      reference(
          at + ".dependsOn[" + i + "]",
          s.dependsOn().get(i),
          catalog.services(),
          "service",
          "services");
    }
    if (required(at + ".database", s.database())) {
      required(at + ".database.instance", s.database().instance());
      required(at + ".database.name", s.database().name());
      if (required(at + ".database.backup", s.database().backup()))
        backup(at + ".database.backup", s.database().backup());
      if (s.database().restore() != null) restore(at + ".database.restore", s.database().restore());
      if (s.database().drRestore() != null)
        restore(at + ".database.drRestore", s.database().drRestore());
      problems.addAll(
          DataRecoveryRules.check(at + ".database.dataRecovery", s.database().dataRecovery()));
    }
    if (s.ecs() != null) {
      required(at + ".ecs.cluster", s.ecs().cluster());
      required(at + ".ecs.service", s.ecs().service());
      if (required(at + ".ecs.stableTaskDefinition", s.ecs().stableTaskDefinition())
          && !s.ecs().stableTaskDefinition().matches("[A-Za-z0-9_-]+:[A-Za-z0-9_-]+")) {
        problem(
            at + ".ecs.stableTaskDefinition",
            "'"
                + s.ecs().stableTaskDefinition()
                + "' must be family:label or family:revision, e.g. inventory-service:stable");
      }
      if (required(at + ".ecs.desiredCount", s.ecs().desiredCount())
          && s.ecs().desiredCount() < 0) {
        problem(at + ".ecs.desiredCount", "must be 0 or more, found " + s.ecs().desiredCount());
      }
    }
    if (s.dns() != null)
      reference(at + ".dns", s.dns(), catalog.dnsRecords(), "DNS record", "dnsRecords");
    for (int i = 0; i < s.buckets().size(); i++) {
      reference(
          at + ".buckets[" + i + "]", s.buckets().get(i), catalog.buckets(), "bucket", "buckets");
    }
    if (s.healthEndpoint() != null && !s.healthEndpoint().matches("https?://\\S+")) {
      problem(at + ".healthEndpoint", "'" + s.healthEndpoint() + "' must be an http(s) URL");
    }
    if (s.drillHealthUrl() != null) {
      DrillHealthUrlRules.problems(s.drillHealthUrl(), productionHosts())
          .forEach(p -> problem(at + ".drillHealthUrl", p));
    }
    for (int i = 0; i < s.validationQueries().size(); i++) {
      validationQuery(at + ".validationQueries[" + i + "]", s.validationQueries().get(i));
    }
    if (s.failover() != null) failover(at + ".failover", s.failover());
    problems.addAll(
        ApprovalRules.service(at + ".approval", s.approval(), catalog.approverGroups()));
  }

  /**
   * Hosts a drill must never smoke-test: every service's health endpoint, DNS record and regional
   * endpoint.
   */
  private Set<String> productionHosts() {
    Set<String> hosts = new HashSet<>();
    for (ServiceSpec s : catalog.services().values()) {
      if (s != null && s.healthEndpoint() != null)
        hosts.add(DrillHealthUrlRules.hostOf(s.healthEndpoint()));
    }
    for (DnsRecordSpec d : catalog.dnsRecords().values()) {
      if (d == null) continue;
      if (d.name() != null) hosts.add(d.name().toLowerCase(Locale.ROOT).replaceAll("\\.$", ""));
      for (WeightedTarget t : Arrays.asList(d.primary(), d.secondary())) {
        if (t == null) continue;
        if (t.aliasDnsName() != null) hosts.add(t.aliasDnsName().toLowerCase(Locale.ROOT));
        if (t.healthEndpoint() != null) hosts.add(DrillHealthUrlRules.hostOf(t.healthEndpoint()));
      }
    }
    hosts.remove(null);
    return hosts;
  }

  /**
   * A declared Temporal Schedule: a procedure it can start, defined services, a valid calendar, a
   * real catch-up.
   */
  private void schedule(String key, ScheduleSpec s) {
    String at = "schedules." + key;
    if (!SCHEDULE_KEY.matcher(key).matches()) {
      problem(
          at,
          "'"
              + key
              + "' must be lower-case letters, digits and hyphens (at most 62), starting and ending"
              + " with a letter or digit: it names the Temporal Schedule dr-"
              + key);
    }
    if (!required(at, s)) return;
    if (required(at + ".procedure", s.procedure())
        && !ScheduleSpec.PROCEDURES.contains(s.procedure())) {
      problem(
          at + ".procedure",
          "unknown procedure '"
              + s.procedure()
              + "'; a schedule can start: "
              + String.join(", ", ScheduleSpec.PROCEDURES));
    }
    if (s.services().isEmpty()) {
      problem(at + ".services", "at least one service is required");
    }
    boolean readinessOfAll =
        ScheduleSpec.READINESS.equals(s.procedure()) && s.services().equals(List.of("all"));
    // A fleet's services (all, or keys) are checked by the fleet's own rules, below.
    boolean fleet = s.fleet();
    for (int i = 0; i < s.services().size() && !readinessOfAll && !fleet; i++) {
      reference(
          at + ".services[" + i + "]",
          s.services().get(i),
          catalog.services(),
          "service",
          "services");
    }
    if ((ScheduleSpec.BACKUP_VALIDATION.equals(s.procedure())
            || ScheduleSpec.READINESS.equals(s.procedure()))
        && s.services().size() > 1) {
      problem(
          at + ".services",
          (ScheduleSpec.READINESS.equals(s.procedure())
                  ? "a readiness schedule evaluates one service, or all"
                  : "a backup-validation schedule validates one service")
              + "; declare one schedule per service, found "
              + s.services().size()
              + ": "
              + String.join(", ", s.services()));
    }
    if (required(at + ".calendar", s.calendar())) {
      required(at + ".calendar.hour", s.calendar().hour());
      required(at + ".calendar.minute", s.calendar().minute());
      for (CalendarField field : CalendarField.values()) {
        String text = field.text(s.calendar());
        if (text == null) continue;
        try {
          field.parse(text);
        } catch (IllegalArgumentException e) {
          problem(at + ".calendar." + field.key(), e.getMessage());
        }
      }
    }
    if (s.timeZone() != null) {
      try {
        ZoneId.of(s.timeZone());
      } catch (DateTimeException e) {
        problem(
            at + ".timeZone",
            "'"
                + s.timeZone()
                + "' is not a time zone; write an IANA name such as UTC or "
                + "Europe/Dublin");
      }
    }
    if (required(at + ".catchupWindow", s.catchupWindow())) {
      if (s.catchupWindow().isNegative() || s.catchupWindow().isZero()) {
        problem(
            at + ".catchupWindow",
            "must be longer than zero (how late a missed run may still start), found "
                + Durations.format(s.catchupWindow()));
      } else if (s.catchupWindow().compareTo(MIN_CATCHUP_WINDOW) < 0) {
        problem(
            at + ".catchupWindow",
            "Temporal's shortest catch-up window is 10s, found "
                + Durations.format(s.catchupWindow()));
      }
    }
    if (s.waitBudget() != null && (s.waitBudget().isNegative() || s.waitBudget().isZero())) {
      problem(
          at + ".waitBudget",
          "must be longer than zero, found " + Durations.format(s.waitBudget()));
    }
    if (s.pick() != null) {
      if (!ScheduleSpec.BACKUP_VALIDATION.equals(s.procedure())
          && !ScheduleSpec.FLEET_VALIDATION.equals(s.procedure())) {
        problem(
            at + ".pick", "only a backup-validation or fleet-validation schedule picks a snapshot");
      } else if (!s.pick().equals("newest") && !s.pick().equals("random")) {
        problem(at + ".pick", "'" + s.pick() + "' must be newest or random");
      }
    }
    if (!fleet) {
      if (s.maxConcurrent() != null)
        problem(
            at + ".maxConcurrent",
            "only a fleet-validation or fleet-drill schedule limits its child runs");
      if (s.maxPerRegion() != null)
        problem(
            at + ".maxPerRegion",
            "only a fleet-validation or fleet-drill schedule limits its child runs");
      return;
    }
    // One problem per field: where a rule above already refused the field, the fleet's says the
    // same again.
    FleetScheduleRules.problem(at, s, catalog)
        .filter(p -> problems.stream().noneMatch(q -> q.path().equals(p.path())))
        .ifPresent(problems::add);
  }

  private void failover(String at, FailoverPolicy f) {
    if (f.approvalTimeout() != null
        && (f.approvalTimeout().isNegative() || f.approvalTimeout().isZero())) {
      problem(
          at + ".approvalTimeout",
          "must be longer than zero, found " + Durations.format(f.approvalTimeout()));
    }
    List<Integer> stages = f.stages();
    if (stages == null) return;
    int previous = 0;
    for (int i = 0; i < stages.size(); i++) {
      Integer w = stages.get(i);
      if (w == null || w <= previous || w > 100) {
        problem(
            at + ".stages[" + i + "]",
            "stages are rising percentages of traffic to the secondary, each above the "
                + "last and at most 100; found "
                + w);
        return;
      }
      previous = w;
    }
    if (previous != 100)
      problem(at + ".stages", "the last stage must be 100 (all traffic), found " + previous);
  }

  private void backup(String at, BackupSpec b) {
    if (required(at + ".retentionDays", b.retentionDays())
        && (b.retentionDays() < 1 || b.retentionDays() > 35)) {
      problem(
          at + ".retentionDays",
          "must be between 1 and 35 days (the RDS limit), found " + b.retentionDays());
    }
    if (required(at + ".window", b.window()) && !BACKUP_WINDOW.matcher(b.window()).matches()) {
      problem(
          at + ".window", "'" + b.window() + "' must be hh24:mi-hh24:mi in UTC, e.g. 03:00-04:00");
    }
    required(at + ".iamDatabaseAuthentication", b.iamDatabaseAuthentication());
    if (b.drReplication() != null) drReplication(at + ".drReplication", b.drReplication());
  }

  /**
   * Replicated automated backups live in the catalog's DR region, so their KMS key must be there
   * too.
   */
  private void drReplication(String at, DrBackupReplicationSpec r) {
    required(at + ".enabled", r.enabled());
    if (Boolean.FALSE.equals(r.enabled())) {
      if (r.retentionDays() != null || r.kmsKeyId() != null) {
        problem(at, "enabled is false (stop replicating): leave out retentionDays and kmsKeyId");
      }
      return;
    }
    if (required(at + ".retentionDays", r.retentionDays())
        && (r.retentionDays() < 1 || r.retentionDays() > 35)) {
      problem(
          at + ".retentionDays",
          "must be between 1 and 35 days (the RDS limit), found " + r.retentionDays());
    }
    if (r.kmsKeyId() == null) return;
    var key = KMS_KEY_ARN.matcher(r.kmsKeyId());
    if (!key.matches()) {
      problem(
          at + ".kmsKeyId",
          "'"
              + r.kmsKeyId()
              + "' must be a KMS key ARN such as"
              + " arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
              + " (not an alias: RDS reports the replicas' key by its ARN, so only that can be"
              + " compared)");
    } else if (catalog.regions() != null
        && catalog.regions().dr() != null
        && !key.group(1).equals(catalog.regions().dr())) {
      problem(
          at + ".kmsKeyId",
          "the key is in "
              + key.group(1)
              + " but replicated backups are encrypted in the DR "
              + "region "
              + catalog.regions().dr()
              + ": give a key from "
              + catalog.regions().dr());
    }
  }

  /**
   * Names RDS accepts: a restore with a malformed one would fail only at restore time,
   * mid-incident.
   */
  private void restore(String at, RestoreSettings r) {
    if (r.subnetGroup() == null
        && r.securityGroupIds().isEmpty()
        && r.parameterGroup() == null
        && r.optionGroup() == null) {
      problem(
          at,
          "is empty: give at least one of subnetGroup, securityGroupIds, parameterGroup,"
              + " optionGroup, or leave it out (restores then take the source instance's"
              + " settings)");
    }
    rdsName(at + ".subnetGroup", r.subnetGroup());
    rdsName(at + ".parameterGroup", r.parameterGroup());
    rdsName(at + ".optionGroup", r.optionGroup());
    for (int i = 0; i < r.securityGroupIds().size(); i++) {
      String id = r.securityGroupIds().get(i);
      if (id == null || !SECURITY_GROUP_ID.matcher(id).matches()) {
        problem(
            at + ".securityGroupIds[" + i + "]",
            "'"
                + id
                + "' is not a VPC security group id such as "
                + "sg-0123456789abcdef0 (write the id, not the group's name)");
      } else if (r.securityGroupIds().indexOf(id) != i) {
        problem(at + ".securityGroupIds[" + i + "]", "'" + id + "' is listed twice");
      }
    }
  }

  private void rdsName(String at, String name) {
    if (name != null && !RDS_NAME.matcher(name).matches()) {
      problem(
          at,
          "'"
              + name
              + "' is not an RDS group name: at most 255 letters, digits, '.', '_', ':', '-' or"
              + " spaces, starting with a letter or digit");
    }
  }

  private void dnsRecord(String at, DnsRecordSpec d) {
    if (!required(at, d)) return;
    required(at + ".hostedZone", d.hostedZone());
    required(at + ".name", d.name());
    required(at + ".type", d.type());
    weightedTarget(at + ".primary", d.primary());
    weightedTarget(at + ".secondary", d.secondary());
    if (d.healthCheck() != null && d.healthCheck().id() == null && d.healthCheck().fqdn() == null) {
      problem(at + ".healthCheck", "needs an id, or the fqdn (and path) the health check probes");
    }
  }

  private void weightedTarget(String at, WeightedTarget t) {
    if (!required(at, t)) return;
    required(at + ".setIdentifier", t.setIdentifier());
    region(at + ".region", t.region());
    required(at + ".aliasHostedZoneId", t.aliasHostedZoneId());
    required(at + ".aliasDnsName", t.aliasDnsName());
    required(at + ".evaluateTargetHealth", t.evaluateTargetHealth());
    if (t.healthEndpoint() != null && !t.healthEndpoint().matches("https?://\\S+")) {
      problem(at + ".healthEndpoint", "'" + t.healthEndpoint() + "' must be an http(s) URL");
    }
  }

  private void bucket(String at, BucketSpec b) {
    if (!required(at, b)) return;
    required(at + ".name", b.name());
    region(at + ".region", b.region());
    required(at + ".versioning", b.versioning());
    ReplicationSpec r = b.replication();
    if (r == null) return;
    String rat = at + ".replication";
    required(rat + ".ruleId", r.ruleId());
    if (required(rat + ".role", r.role()) && !r.role().startsWith("arn:aws:iam::")) {
      problem(
          rat + ".role",
          "'" + r.role() + "' must be an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)");
    }
    required(rat + ".destinationBucket", r.destinationBucket());
    region(rat + ".destinationRegion", r.destinationRegion());
    if (required(rat + ".replicationTime", r.replicationTime())
        && !r.replicationTime().equals(Duration.ofMinutes(15))) {
      problem(
          rat + ".replicationTime",
          "S3 Replication Time Control supports exactly 15 minutes, found "
              + Durations.format(r.replicationTime()));
    }
    if (required(rat + ".storageClass", r.storageClass())
        && !STORAGE_CLASSES.contains(r.storageClass())) {
      problem(
          rat + ".storageClass",
          "'"
              + r.storageClass()
              + "' is not an S3 storage class; allowed: "
              + String.join(", ", STORAGE_CLASSES.stream().sorted().toList()));
    }
    if (r.prefix() != null && !S3_PREFIX_PATTERN.matcher(r.prefix()).matches()) {
      problem(
          rat + ".prefix",
          "must be at most 1024 characters without control characters, found "
              + r.prefix().length()
              + " characters");
    }
    if (r.priority() != null && r.priority() < 0) {
      problem(
          rat + ".priority",
          "must be 0 or more (S3 runs the highest priority rule first), found " + r.priority());
    }
    if (Boolean.FALSE.equals(b.versioning())) {
      problem(
          at + ".versioning",
          "must be true when replication is configured (S3 requires versioning on both buckets)");
    }
  }

  private void validationQuery(String at, ValidationQuery q) {
    if (!required(at, q)) return;
    required(at + ".name", q.name());
    required(at + ".sql", q.sql());
    if (required(at + ".expect", q.expect()) && q.expect().kindsSet() != 1) {
      problem(
          at + ".expect",
          "needs exactly one of equals, atLeast, withinPercentOfSource; found "
              + q.expect().kindsSet());
    }
  }

  private void region(String at, String region) {
    if (required(at, region) && !REGION.matcher(region).matches()) {
      problem(at, "'" + region + "' is not an AWS region name such as eu-west-1");
    }
  }

  private void notNegative(String at, Duration d) {
    if (required(at, d) && d.isNegative()) {
      problem(at, "must not be negative, found " + Durations.format(d));
    }
  }

  private void reference(
      String at, String key, Map<String, ?> defined, String what, String section) {
    if (required(at, key) && !defined.containsKey(key)) {
      problem(
          at,
          what
              + " '"
              + key
              + "' is not defined under "
              + section
              + "; defined: "
              + String.join(", ", defined.keySet().stream().sorted().toList()));
    }
  }

  private boolean required(String at, Object value) {
    if (value == null) {
      problem(at, "required field is missing");
      return false;
    }
    return true;
  }

  private void problem(String at, String message) {
    problems.add(new CatalogException.Problem(at, message));
  }
}
