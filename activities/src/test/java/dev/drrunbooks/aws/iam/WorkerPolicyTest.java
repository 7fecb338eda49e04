package dev.drrunbooks.aws.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drrunbooks.activities.rds.ReplicaState;
import dev.drrunbooks.catalog.BucketSpec;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.catalog.DatabasePointer;
import dev.drrunbooks.catalog.OldPrimary;
import dev.drrunbooks.catalog.RecoveryStrategy;
import dev.drrunbooks.catalog.ReplicaStandby;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.catalog.ServiceSpec;
import dev.drrunbooks.model.Ownership;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The worker's policy (deploy/aws/iam/worker-policy.json) on its own, no sandbox: its shape (no
 * wildcard actions, destructive actions only on what carries the runs' ownership tag, PassRole only
 * to the two roles and their services), its fit to the catalog, and the matcher and action names
 * the coverage check (gateway's WorkerPolicyCoverageCheck) relies on.
 */
class WorkerPolicyTest {
  private static final String REPLACEABLE_OLD_PRIMARIES =
      "RdsDeleteTheCatalogsReplaceableOldPrimaries";

  private final IamPolicy policy = IamPolicy.read(WorkerPolicyFiles.workerPolicy());
  private final Catalog catalog = CatalogFixture.load();

  @Test
  void actionsAreNamedOneByOneWithoutWildcards() {
    for (String action : policy.actionPatterns()) {
      assertFalse(action.contains("*") || action.contains("?"), action);
      assertTrue(action.matches("[a-z0-9-]+:[A-Za-z0-9]+"), action);
    }
  }

  @Test
  void destructiveActionsOnlyTouchWhatCarriesTheOwnershipTag() {
    Set<String> destructive =
        Set.of(
            "rds:DeleteDBInstance",
            "rds:DeleteDBSnapshot",
            "ecs:DeleteService",
            "ecs:DeleteCluster",
            "cloudformation:DeleteStack");
    for (String action : destructive) {
      List<IamPolicy.Statement> allowing = statementsWith(action);
      assertFalse(allowing.isEmpty(), action + " is not in the policy");
      for (IamPolicy.Statement s : allowing) {
        // The one exception, the catalog's own word (recovery.oldPrimary: replaceable): checked in
        // onlyTheCatalogsReplaceableOldPrimariesMayBeDeletedWithoutOurTag.
        if (s.sid().equals(REPLACEABLE_OLD_PRIMARIES)) continue;
        assertEquals(
            Ownership.CREATED_BY_VALUE,
            condition(s, "StringEquals", "aws:ResourceTag/" + Ownership.CREATED_BY_TAG),
            s.sid() + " allows " + action + " without the ownership tag condition");
      }
    }
  }

  @Test
  void creatingCallsMustTagWhatTheyCreate() {
    for (String action :
        List.of(
            "rds:RestoreDBInstanceToPointInTime",
            "rds:RestoreDBInstanceFromDBSnapshot",
            "rds:CreateDBSnapshot",
            "rds:CopyDBSnapshot",
            "rds:CreateDBCluster",
            "rds:CreateDBInstance",
            "ecs:CreateService",
            "cloudformation:CreateStack")) {
      for (IamPolicy.Statement s : statementsWith(action)) {
        assertEquals(
            Ownership.CREATED_BY_VALUE,
            condition(s, "StringEquals", "aws:RequestTag/" + Ownership.CREATED_BY_TAG),
            s.sid() + " allows " + action + " without requiring the ownership tag");
      }
    }
  }

  @Test
  void auroraSecondariesAreCreatedOnlyTaggedAsOursInTheCatalogsRegions() {
    for (String action : List.of("rds:CreateDBCluster", "rds:CreateDBInstance")) {
      List<IamPolicy.Statement> allowing = statementsWith(action);
      assertEquals(
          List.of("RdsAuroraGlobalCreateTaggedSecondaries"),
          allowing.stream().map(IamPolicy.Statement::sid).toList(),
          action + ": one statement, the standby instantiate's");
      IamPolicy.Statement s = allowing.get(0);
      assertEquals(
          "[\"eu-west-1\",\"eu-central-1\"]",
          s.condition().path("StringEquals").path("aws:RequestedRegion").toString());
      assertTrue(
          s.resources().contains("arn:aws:rds::${aws:PrincipalAccount}:global-cluster:*"),
          "the global cluster a secondary joins (GlobalClusterIdentifier)");
    }
    assertFalse(policy.allows("rds:DeleteDBCluster"), "a standby is deleted by a person");
    assertFalse(policy.allows("rds:ModifyDBCluster"));
  }

  @Test
  void modifyDbInstanceIsForOurCopiesOrTheCatalogsInstancesOnly() {
    Set<String> named = new TreeSet<>();
    for (IamPolicy.Statement s : statementsWith("rds:ModifyDBInstance")) {
      if (condition(s, "StringEquals", "aws:ResourceTag/created-by") != null) continue;
      for (String r : s.resources()) {
        if (r.contains(":db:")) {
          String name = r.substring(r.indexOf(":db:") + 4);
          assertFalse(name.contains("*"), s.sid() + " lets the worker modify any instance: " + r);
          named.add(name);
        }
      }
    }
    Set<String> catalogInstances = new TreeSet<>();
    for (ServiceSpec s : catalog.services().values())
      if (s.database() != null) catalogInstances.add(s.database().instance());
    assertEquals(catalogInstances, named, "instances the backup policy may modify");
  }

  @Test
  void passRoleOnlyForTheReplicationAndDrillStackRolesToTheirServices() {
    Map<String, String> expected = new java.util.TreeMap<>();
    for (BucketSpec b : catalog.buckets().values()) {
      String role = b.replication().role();
      expected.put(role.substring(role.indexOf(":role/") + 1), "s3.amazonaws.com");
    }
    expected.put("role/dr-runbooks-drill-stack", "cloudformation.amazonaws.com");
    Map<String, String> found = new java.util.TreeMap<>();
    for (IamPolicy.Statement s : statementsWith("iam:PassRole")) {
      assertEquals(List.of("iam:PassRole"), s.actions(), s.sid() + ": PassRole stands alone");
      String service = condition(s, "StringEquals", "iam:PassedToService");
      assertTrue(service != null, s.sid() + " passes a role without iam:PassedToService");
      for (String r : s.resources()) {
        assertFalse(r.endsWith("*"), s.sid() + " passes any role: " + r);
        found.put(r.substring(r.indexOf(":role/") + 1), service);
      }
    }
    assertEquals(expected, found);
  }

  @Test
  void theCatalogsBucketsRecordsAndClustersAreTheOnesNamed() {
    Set<String> buckets = new TreeSet<>();
    catalog.buckets().values().forEach(b -> buckets.add("arn:aws:s3:::" + b.name()));
    assertEquals(
        buckets, new TreeSet<>(only("S3CatalogBucketsVersioningAndReplication").resources()));

    Set<String> records = new TreeSet<>();
    catalog.dnsRecords().values().forEach(d -> records.add(d.name()));
    Set<String> inPolicy = new TreeSet<>();
    only("Route53OnlyUpsertTheCatalogsWeightedRecords")
        .condition()
        .path("ForAllValues:StringEquals")
        .path("route53:ChangeResourceRecordSetsNormalizedRecordNames")
        .forEach(n -> inPolicy.add(n.asText()));
    assertEquals(records, inPolicy);

    Set<String> clusters = new TreeSet<>();
    for (ServiceSpec s : catalog.services().values()) {
      if (s.ecs() == null) continue;
      clusters.add(s.ecs().cluster());
      if (s.ecs().drCluster() != null) clusters.add(s.ecs().drCluster());
    }
    Set<String> updatable = new TreeSet<>();
    for (String r : only("EcsUpdateCatalogServices").resources())
      updatable.add(r.replaceAll(".*:service/([^/]+)/\\*$", "$1"));
    assertEquals(clusters, updatable);
  }

  @Test
  void theCatalogsDatabasePointersAreTheOnesTheWorkerMayMove() {
    Set<String> cnames = new TreeSet<>();
    List<String> parameters = new ArrayList<>();
    for (ServiceSpec s : catalog.services().values()) {
      DatabasePointer p = s.recoveryOrDefault().databasePointer();
      if (p == null) continue;
      if (p.cname() != null) cnames.add(p.cname().toLowerCase(java.util.Locale.ROOT));
      if (p.parameter() != null) parameters.add(p.parameter());
    }
    IamPolicy.Statement upsert = only("Route53OnlyMoveTheCatalogsDatabasePointers");
    Set<String> named = new TreeSet<>();
    upsert
        .condition()
        .path("ForAllValues:StringEquals")
        .path("route53:ChangeResourceRecordSetsNormalizedRecordNames")
        .forEach(n -> named.add(n.asText()));
    assertEquals(cnames, named);
    assertEquals(
        "[\"DELETE\",\"CREATE\"]",
        upsert
            .condition()
            .path("ForAllValues:StringEquals")
            .path("route53:ChangeResourceRecordSetsActions")
            .toString(),
        "the pointer's compare-and-set batch, never an UPSERT that overwrites someone's change");
    assertEquals(
        "[\"CNAME\"]",
        upsert
            .condition()
            .path("ForAllValues:StringEquals")
            .path("route53:ChangeResourceRecordSetsRecordTypes")
            .toString());
    List<String> arns = only("SsmParameterPointersUnderTheOrganisationsHierarchy").resources();
    for (String name : parameters) {
      String arn =
          "arn:aws:ssm:eu-west-1:${aws:PrincipalAccount}:parameter"
              + (name.startsWith("/") ? name : "/" + name);
      assertTrue(
          arns.stream().anyMatch(a -> IamPolicy.matches(a, arn)),
          "parameter pointer " + name + " is outside " + arns);
    }
  }

  @Test
  void onlyTheCatalogsReplaceableOldPrimariesMayBeDeletedWithoutOurTag() {
    Catalog catalog = CatalogFixture.load();
    Set<String> replaceable = new TreeSet<>();
    Set<String> regions = new TreeSet<>();
    for (String key : catalog.serviceKeys()) {
      ServiceDefinition s = catalog.definitionOf(key);
      if (s.spec().database() == null
          || s.spec().recoveryOrDefault().oldPrimaryOrDefault() != OldPrimary.REPLACEABLE) continue;
      replaceable.add(
          "arn:aws:rds:"
              + s.regions().primary()
              + ":${aws:PrincipalAccount}:db:"
              + s.spec().database().instance());
      regions.add(s.regions().primary());
      // Failing back (dr standby-replicate --failback), the old primary is the catalog's replica.
      ReplicaStandby replica = s.spec().recoveryOrDefault().replica();
      if (s.spec().recoveryOrDefault().strategyOrDefault() == RecoveryStrategy.REPLICA
          && replica != null) {
        String region = replica.region() != null ? replica.region() : s.regions().dr();
        replaceable.add(
            "arn:aws:rds:" + region + ":${aws:PrincipalAccount}:db:" + replica.instance());
        regions.add(region);
      }
    }
    assertTrue(
        replaceable.stream().anyMatch(a -> a.endsWith(":db:mycomputer-payments-db-replica")),
        "Payments' replica, deleted when failing back: " + replaceable);
    IamPolicy.Statement delete = only(REPLACEABLE_OLD_PRIMARIES);
    assertEquals(replaceable, new TreeSet<>(delete.resources()));
    assertEquals(regions, requestedRegions(delete), "the regions of those instances only");
    assertEquals(List.of("rds:DeleteDBInstance"), delete.actions());
    assertEquals(
        "false",
        delete.condition().path("Null").path("aws:ResourceTag/dr-runbooks:replaced-by").asText(),
        "only once marked replaced: a delete that skipped the marking is denied");
    IamPolicy.Statement mark = only("RdsMarkTheCatalogsReplaceableOldPrimaries");
    assertEquals(replaceable, new TreeSet<>(mark.resources()));
    assertEquals(regions, requestedRegions(mark));
    assertEquals(
        "[\"dr-runbooks:replaced-by\"]",
        mark.condition().path("ForAllValues:StringEquals").path("aws:TagKeys").toString(),
        "the only tag it may write there");
  }

  @Test
  void standbysArePromotedEitherWayAndTaggedOnlyWithThePromotionsMarks() {
    Catalog catalog = CatalogFixture.load();
    Set<String> promotable = new TreeSet<>();
    for (String key : catalog.serviceKeys()) {
      ServiceDefinition s = catalog.definitionOf(key);
      ReplicaStandby replica = s.spec().recoveryOrDefault().replica();
      if (s.spec().recoveryOrDefault().strategyOrDefault() != RecoveryStrategy.REPLICA
          || replica == null) continue;
      // A failover promotes the replica; a failback (--failback) the primary's name.
      promotable.add("arn:aws:rds:*:${aws:PrincipalAccount}:db:" + replica.instance());
      promotable.add("arn:aws:rds:*:${aws:PrincipalAccount}:db:" + s.spec().database().instance());
    }
    IamPolicy.Statement promote = only("RdsPromoteCatalogStandbys");
    assertEquals(promotable, new TreeSet<>(promote.resources()));
    assertEquals(
        Set.of(ReplicaState.PROMOTED_FROM_TAG, ReplicaState.PROMOTED_AT_TAG),
        new TreeSet<>(
            java.util.stream.StreamSupport.stream(
                    promote
                        .condition()
                        .path("ForAllValues:StringEquals")
                        .path("aws:TagKeys")
                        .spliterator(),
                    false)
                .map(com.fasterxml.jackson.databind.JsonNode::asText)
                .toList()),
        "the tags promoteReplica writes, and no other");
  }

  private static Set<String> requestedRegions(IamPolicy.Statement s) {
    Set<String> regions = new TreeSet<>();
    s.condition()
        .path("StringEquals")
        .path("aws:RequestedRegion")
        .forEach(r -> regions.add(r.asText()));
    return regions;
  }

  @Test
  void everyUnexercisedEntryIsAnActionThePolicyAllows() {
    for (String action : UnexercisedActions.read(WorkerPolicyFiles.unexercised()).keySet()) {
      assertTrue(policy.allows(action), action + " is listed as unexercised but not allowed");
    }
  }

  @Test
  void matchingIsIamsCaseInsensitiveWildcards() {
    assertTrue(IamPolicy.matches("rds:DescribeDBInstances", "rds:describedbinstances"));
    assertTrue(IamPolicy.matches("rds:Describe*", "rds:DescribeDBSnapshots"));
    assertTrue(IamPolicy.matches("s3:Get?ucketVersioning", "s3:GetBucketVersioning"));
    assertFalse(IamPolicy.matches("rds:Delete*", "rds:DescribeDBInstances"));
    assertFalse(IamPolicy.matches("rds:DescribeDBInstances", "rds:DescribeDBInstancesX"));
    assertFalse(IamPolicy.matches("rds:Describe.*", "rds:DescribeX"), "a dot is literal");
    assertFalse(policy.allows("rds:DeleteDBCluster"));
    assertTrue(policy.allows("rds:RestoreDBInstanceToPointInTime"));
  }

  @Test
  void sdkOperationsMapToIamActionNames() {
    assertEquals("s3:PutReplicationConfiguration", IamActionNames.of("S3", "PutBucketReplication"));
    assertEquals("s3:GetReplicationConfiguration", IamActionNames.of("S3", "GetBucketReplication"));
    assertEquals("s3:GetBucketVersioning", IamActionNames.of("S3", "GetBucketVersioning"));
    assertEquals(
        "rds:RestoreDBInstanceToPointInTime",
        IamActionNames.of("Rds", "RestoreDBInstanceToPointInTime"));
    assertEquals("route53:GetChange", IamActionNames.of("Route53", "GetChange"));
  }

  private List<IamPolicy.Statement> statementsWith(String action) {
    List<IamPolicy.Statement> out = new ArrayList<>();
    for (IamPolicy.Statement s : policy.statements())
      if (s.actions().stream().anyMatch(p -> IamPolicy.matches(p, action))) out.add(s);
    return out;
  }

  private IamPolicy.Statement only(String sid) {
    return policy.statements().stream()
        .filter(s -> s.sid().equals(sid))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no statement " + sid));
  }

  private static String condition(IamPolicy.Statement s, String operator, String key) {
    JsonNode c = s.condition() == null ? null : s.condition().path(operator).get(key);
    return c == null ? null : c.asText();
  }
}
