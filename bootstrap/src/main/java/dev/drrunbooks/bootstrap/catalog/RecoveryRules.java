package dev.drrunbooks.bootstrap.catalog;

import dev.drrunbooks.bootstrap.catalog.CatalogException.Problem;
import dev.drrunbooks.catalog.AuroraGlobalStandby;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.DatabasePointer;
import dev.drrunbooks.catalog.Durations;
import dev.drrunbooks.catalog.RecoverySpec;
import dev.drrunbooks.catalog.RecoveryStrategy;
import dev.drrunbooks.catalog.ReplicaStandby;
import dev.drrunbooks.catalog.ServiceSpec;
import dev.drrunbooks.catalog.UnmetObjectives;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules of a service's {@code recovery} ({@link RecoverySpec}): the strategy's standby is named
 * in full and lives outside the primary region, a standby strategy says where the application finds
 * its database, and the objectives do not promise an RPO the strategy cannot meet in principle
 * ({@link RecoveryStrategy#canMeetRpo}) unless {@code knowinglyUnmet} says why that is accepted; an
 * acknowledgement the strategy no longer needs is refused too, so none outlives its reason.
 */
final class RecoveryRules {
  /**
   * DB instance and cluster identifiers: 1 to 63 letters, digits and hyphens, a letter first, no
   * two hyphens in a row, no hyphen last
   * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html#RDS_Limits.Constraints).
   */
  private static final Pattern RDS_IDENTIFIER =
      Pattern.compile("[A-Za-z](?!.*--)[A-Za-z0-9-]{0,62}(?<!-)");

  private static final Pattern DNS_NAME =
      Pattern.compile("(?=.{1,253}\\.?$)([a-z0-9_]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}\\.?");

  /**
   * Parameter Store names: letters, digits and _.-/, a hierarchy starting with /, not beginning
   * with aws or ssm
   * (https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-su-create.html).
   */
  private static final Pattern SSM_PARAMETER =
      Pattern.compile("[A-Za-z0-9_.-]+|(/[A-Za-z0-9_.-]+)+");

  private static final int SSM_PARAMETER_MAX = 1011;

  private final Catalog catalog;
  private final List<Problem> problems = new ArrayList<>();

  private RecoveryRules(Catalog catalog) {
    this.catalog = catalog;
  }

  /** The problems of service {@code s}'s recovery, found at path {@code at} (the service's). */
  static List<Problem> check(Catalog catalog, String at, ServiceSpec s) {
    RecoveryRules rules = new RecoveryRules(catalog);
    rules.service(at, s);
    return rules.problems;
  }

  private void service(String at, ServiceSpec s) {
    RecoverySpec r = s.recoveryOrDefault();
    String here = at + ".recovery";
    RecoveryStrategy strategy = r.strategyOrDefault();
    switch (strategy) {
      case RESTORE -> {
        onlyWith(here + ".replica", r.replica(), "replica");
        onlyWith(here + ".auroraGlobal", r.auroraGlobal(), "aurora-global");
        onlyWith(here + ".databasePointer", r.databasePointer(), "replica or aurora-global");
        onlyWith(here + ".oldPrimary", r.oldPrimary(), "replica or aurora-global");
      }
      case REPLICA -> {
        onlyWith(here + ".auroraGlobal", r.auroraGlobal(), "aurora-global");
        if (s.database() == null)
          problem(here + ".strategy", "replica needs the service's database: it replicates it");
        if (required(here + ".replica", r.replica())) replica(here + ".replica", r.replica());
        if (required(here + ".databasePointer", r.databasePointer()))
          pointer(here + ".databasePointer", r.databasePointer());
      }
      case AURORA_GLOBAL -> {
        onlyWith(here + ".replica", r.replica(), "replica");
        if (required(here + ".auroraGlobal", r.auroraGlobal()))
          auroraGlobal(here + ".auroraGlobal", r.auroraGlobal());
        if (required(here + ".databasePointer", r.databasePointer()))
          pointer(here + ".databasePointer", r.databasePointer());
      }
    }
    // a negative RPO is the objectives' own error
    if (s.objectives() != null
        && s.objectives().rpo() != null
        && !s.objectives().rpo().isNegative())
      rpo(at, here, strategy, s.objectives().rpo(), r.knowinglyUnmet());
  }

  /** The stated RPO against what the strategy can meet, and the acknowledgement either way. */
  private void rpo(
      String at, String here, RecoveryStrategy strategy, Duration rpo, UnmetObjectives unmet) {
    String reason = unmet == null ? null : unmet.rpo();
    if (strategy.canMeetRpo(rpo)) {
      if (reason != null)
        problem(
            here + ".knowinglyUnmet.rpo",
            "strategy '"
                + strategy.key()
                + "' can meet RPO "
                + Durations.format(rpo)
                + ": remove the acknowledgement");
      return;
    }
    if (reason == null)
      problem(
          at + ".objectives.rpo",
          "RPO "
              + Durations.format(rpo)
              + " cannot be met by strategy '"
              + strategy.key()
              + "' in a region loss: it meets "
              + strategy.smallestRpoMet()
              + "; choose a strategy that can, or say why it is accepted in "
              + here
              + ".knowinglyUnmet.rpo");
    else if (reason.isBlank())
      problem(here + ".knowinglyUnmet.rpo", "must say why the RPO is accepted as unmet");
  }

  private void replica(String at, ReplicaStandby replica) {
    identifier(at + ".instance", replica.instance());
    standbyRegion(at + ".region", replica.region());
  }

  private void auroraGlobal(String at, AuroraGlobalStandby g) {
    identifier(at + ".globalCluster", g.globalCluster());
    boolean primary = identifier(at + ".primaryCluster", g.primaryCluster());
    boolean secondary = identifier(at + ".secondaryCluster", g.secondaryCluster());
    if (primary && secondary && g.primaryCluster().equalsIgnoreCase(g.secondaryCluster()))
      problem(
          at + ".secondaryCluster",
          "'" + g.secondaryCluster() + "' is the primary cluster too; name the secondary");
    standbyRegion(at + ".secondaryRegion", g.secondaryRegion());
  }

  private void pointer(String at, DatabasePointer p) {
    boolean cname = p.cname() != null;
    boolean parameter = p.parameter() != null;
    if (cname == parameter) {
      problem(at, "give exactly one of cname (a Route 53 record) or parameter (Parameter Store)");
      return;
    }
    if (p.hostedZone() != null && !cname)
      problem(at + ".hostedZone", "only with cname: the zone the record is in");
    if (cname) {
      String name = p.cname().toLowerCase(Locale.ROOT);
      if (!DNS_NAME.matcher(name).matches())
        problem(at + ".cname", "'" + p.cname() + "' is not a DNS name such as db.example.com");
      else if (p.hostedZone() != null && !zoneHolds(p.hostedZone(), name))
        problem(
            at + ".cname", "'" + p.cname() + "' is not in hosted zone '" + p.hostedZone() + "'");
    } else {
      String name = p.parameter();
      String bare = name.startsWith("/") ? name.substring(1) : name;
      String lower = bare.toLowerCase(Locale.ROOT);
      if (name.length() > SSM_PARAMETER_MAX || !SSM_PARAMETER.matcher(name).matches())
        problem(
            at + ".parameter",
            "'"
                + name
                + "' is not a Parameter Store name: letters, digits and _.-/, a hierarchy"
                + " starting with /, at most "
                + SSM_PARAMETER_MAX
                + " characters");
      else if (lower.startsWith("aws") || lower.startsWith("ssm"))
        problem(at + ".parameter", "'" + name + "' begins with aws or ssm, which AWS reserves");
    }
  }

  /** Whether the record {@code name} is the zone's apex or below it. */
  private static boolean zoneHolds(String zone, String name) {
    String z = trimDot(zone.toLowerCase(Locale.ROOT));
    String n = trimDot(name);
    return n.equals(z) || n.endsWith("." + z);
  }

  private static String trimDot(String s) {
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /** A standby's region: an AWS region other than the primary; none means the DR region. */
  private void standbyRegion(String at, String region) {
    if (region == null) return;
    if (!CatalogValidator.REGION.matcher(region).matches())
      problem(at, "'" + region + "' is not an AWS region name such as eu-west-1");
    else if (catalog.regions() != null && region.equals(catalog.regions().primary()))
      problem(
          at, "'" + region + "' is the primary region: a standby there is lost with the primary");
  }

  private boolean identifier(String at, String id) {
    if (id == null || id.isBlank()) {
      problem(at, "required field is missing");
      return false;
    }
    if (!RDS_IDENTIFIER.matcher(id).matches()) {
      problem(
          at,
          "'"
              + id
              + "' is not an RDS identifier: 1 to 63 letters, digits and hyphens, a letter first,"
              + " no two hyphens in a row, no hyphen last");
      return false;
    }
    return true;
  }

  private void onlyWith(String at, Object value, String strategies) {
    if (value != null) problem(at, "only with strategy " + strategies);
  }

  private boolean required(String at, Object value) {
    if (value == null) {
      problem(at, "required field is missing");
      return false;
    }
    return true;
  }

  private void problem(String at, String message) {
    problems.add(new Problem(at, message));
  }
}
