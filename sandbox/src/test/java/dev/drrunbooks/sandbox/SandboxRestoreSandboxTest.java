package dev.drrunbooks.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.rds.InstanceInfo;
import dev.drrunbooks.activities.rds.PointInTimeRestoreRequest;
import dev.drrunbooks.activities.rds.RestorableWindow;
import dev.drrunbooks.activities.rds.SnapshotInfo;
import dev.drrunbooks.activities.rds.SnapshotRestoreRequest;
import dev.drrunbooks.activities.sql.DatabaseTarget;
import dev.drrunbooks.activities.sql.QueryOutcome;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.SandboxAws;
import dev.drrunbooks.aws.rds.RdsRestoreActivitiesImpl;
import dev.drrunbooks.aws.rds.RdsSnapshotActivitiesImpl;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.catalog.ValidationQuery;
import dev.drrunbooks.model.Ownership;
import dev.drrunbooks.sql.DataValidationActivitiesImpl;
import dev.drrunbooks.testing.SandboxEnv;
import io.temporal.failure.ApplicationFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;

/**
 * The sandbox's stand-in for RDS storage: a point-in-time restore of the seeded inventory instance
 * through {@link SandboxRestoreActivities} gets a PostgreSQL clone as of the point, the catalog's
 * validation queries run on it through {@link SandboxLocator}, and deleting the instance drops it.
 */
class SandboxRestoreSandboxTest {
  private static final String REGION = "eu-west-1";
  private static final String SOURCE = "mycomputer-inventory-db";

  private AwsClients aws;
  private SandboxDatabases databases;
  private SandboxRestoreActivities restore;
  private Catalog catalog;
  private Ownership owner;
  private final List<String> instances = new ArrayList<>();

  @BeforeEach
  void setUp() {
    aws = SandboxAws.clients();
    databases = SandboxDatabases.fromEnvironment(SandboxEnv.get().all());
    catalog = CatalogFixture.load();
    restore =
        new SandboxRestoreActivities(
            new RdsRestoreActivitiesImpl(aws),
            databases,
            SandboxRestoreActivities.instanceToDatabase(catalog));
    owner = new Ownership(SandboxAws.uniqueName("pitr-inventory-sbx"), "pitr");
  }

  @AfterEach
  void cleanUp() throws SQLException {
    for (String id : instances) {
      try {
        aws.rds(REGION)
            .deleteDBInstance(
                r ->
                    r.dbInstanceIdentifier(id)
                        .skipFinalSnapshot(true)
                        .deleteAutomatedBackups(true));
      } catch (DbInstanceNotFoundException alreadyGone) {
        // deleted by the test
      }
      databases.drop(id);
    }
    aws.close();
  }

  private String newInstance() {
    String id = SandboxAws.uniqueName("dr-test-sbx");
    instances.add(id);
    return id;
  }

  private long count(String database, String sql, Instant point) throws SQLException {
    try (Connection c = databases.connect(database);
        PreparedStatement st = c.prepareStatement(sql)) {
      if (point != null) st.setTimestamp(1, Timestamp.from(point));
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * Two hours before the seeded activity ends: "two hours ago" on a freshly seeded sandbox, and
   * still inside the seeded six hours on a sandbox whose database was seeded earlier.
   */
  private Instant twoHoursBeforeTheLatestActivity() throws SQLException {
    try (Connection c = databases.connect("inventory");
        ResultSet rs =
            c.createStatement()
                .executeQuery("SELECT max(transaction_date) FROM inventory_transactions")) {
      rs.next();
      Instant latest = rs.getTimestamp(1).toInstant();
      Instant now = Instant.now();
      return (latest.isBefore(now) ? latest : now)
          .minus(2, ChronoUnit.HOURS)
          .truncatedTo(ChronoUnit.SECONDS);
    }
  }

  @Test
  void cloneNamesFollowTheInstanceIdAndFitPostgres() {
    assertEquals(
        "rds_pitr_inventory_20240115t0330z_restored",
        SandboxDatabases.cloneName("pitr-inventory-20240115t0330z-restored"));
    String a = SandboxDatabases.cloneName("dr-" + "x".repeat(80) + "-a");
    String b = SandboxDatabases.cloneName("dr-" + "x".repeat(80) + "-b");
    assertTrue(a.length() <= 63 && b.length() <= 63, a);
    assertNotEquals(a, b);
  }

  @Test
  void aPointInTimeRestoreGetsADatabaseAsOfThePointThatValidatesAndIsDroppedWithTheInstance()
      throws SQLException {
    String target = newInstance();
    Instant point = twoHoursBeforeTheLatestActivity();
    long sourceTransactions =
        count("inventory", "SELECT count(*) FROM inventory_transactions", null);
    long sourceAudit = count("inventory", "SELECT count(*) FROM audit_log", null);
    long sourceStock = count("inventory", "SELECT sum(quantity) FROM inventory_items", null);
    long laterDeltas =
        count(
            "inventory",
            "SELECT coalesce(sum(quantity_delta), 0) FROM inventory_transactions "
                + "WHERE transaction_date > ?",
            point);

    InstanceInfo restored =
        restore.restoreToPointInTime(
            new PointInTimeRestoreRequest(REGION, SOURCE, target, point, null, owner));

    String clone = SandboxDatabases.cloneName(target);
    assertTrue(databases.exists(clone), clone);
    assertTrue(owner.owns(restored.tags()));
    long cloneTransactions = count(clone, "SELECT count(*) FROM inventory_transactions", null);
    assertTrue(
        cloneTransactions < sourceTransactions, cloneTransactions + " vs " + sourceTransactions);
    assertEquals(
        0,
        count(
            clone,
            "SELECT count(*) FROM inventory_transactions WHERE transaction_date > ?",
            point));
    assertEquals(
        cloneTransactions,
        count(
            "inventory",
            "SELECT count(*) FROM inventory_transactions " + "WHERE transaction_date <= ?",
            point));
    assertTrue(count(clone, "SELECT count(*) FROM audit_log", null) < sourceAudit);
    assertEquals(0, count(clone, "SELECT count(*) FROM audit_log WHERE created_at > ?", point));
    assertEquals(
        sourceStock - laterDeltas,
        count(clone, "SELECT sum(quantity) FROM inventory_items", null),
        "stock as of the point");

    // A retried restore returns the same instance and leaves the clone as it was.
    restore.restoreToPointInTime(
        new PointInTimeRestoreRequest(REGION, SOURCE, target, point, null, owner));
    assertEquals(
        cloneTransactions, count(clone, "SELECT count(*) FROM inventory_transactions", null));

    // The catalog's inventory checks, on the clone, against the seeded source.
    List<ValidationQuery> queries = catalog.services().get("inventory").validationQueries();
    DataValidationActivitiesImpl validation =
        new DataValidationActivitiesImpl(new SandboxLocator(databases));
    ValidationReport report =
        validation.validate(
            new DatabaseTarget(
                REGION, target, restored.endpointAddress(), restored.port(), "inventory"),
            new DatabaseTarget(
                REGION, SOURCE, "mycomputer-inventory-db.example", 5432, "inventory"),
            queries);

    assertTrue(report.passed(), report.toString());
    assertEquals(queries.size(), report.outcomes().size());
    QueryOutcome transactions = outcome(report, "transactions-present");
    assertEquals(cloneTransactions, transactions.found(), "evidence comes from the clone");
    QueryOutcome items = outcome(report, "items-match-source");
    assertEquals(items.found(), items.sourceValue());
    assertNull(items.error());

    // Deleting the (owned) instance drops its database.
    assertEquals("deleting", restore.deleteOwnedInstance(REGION, target, owner));
    assertFalse(databases.exists(clone), clone + " still exists");
    assertEquals("already gone", restore.deleteOwnedInstance(REGION, target, owner));
  }

  @Test
  void aSnapshotRestoreGetsADatabaseAsOfTheSnapshot() throws SQLException {
    SnapshotInfo snapshot =
        new RdsSnapshotActivitiesImpl(aws).describeSnapshot(REGION, "inventory-snapshot-20240115");
    String target = newInstance();

    restore.restoreFromSnapshot(new SnapshotRestoreRequest(REGION, snapshot, target, null, owner));

    String clone = SandboxDatabases.cloneName(target);
    assertEquals(
        0,
        count(
            clone,
            "SELECT count(*) FROM inventory_transactions WHERE transaction_date > ?",
            snapshot.createdAt()));
    assertEquals(
        count(
            "inventory",
            "SELECT count(*) FROM inventory_transactions WHERE transaction_date <= ?",
            snapshot.createdAt()),
        count(clone, "SELECT count(*) FROM inventory_transactions", null));
  }

  @Test
  void refusingToDeleteTheSourceLeavesItsDatabaseAlone() throws SQLException {
    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class, () -> restore.deleteOwnedInstance(REGION, SOURCE, owner));
    assertEquals("NotOwned", e.getType());
    assertTrue(databases.exists("inventory"));
    assertTrue(count("inventory", "SELECT count(*) FROM inventory_transactions", null) >= 1000);
  }

  @Test
  void inTheSandboxTheWindowCoversTheRetentionPeriodBeforeTheEmulatorsInstance() {
    RestorableWindow window = restore.restorableWindow(REGION, SOURCE);
    int retention =
        aws.rds(REGION)
            .describeDBInstances(r -> r.dbInstanceIdentifier(SOURCE))
            .dbInstances()
            .get(0)
            .backupRetentionPeriod();
    assertEquals(window.latest().minus(Duration.ofDays(retention)), window.earliest());
    assertTrue(window.contains(Instant.now().minus(2, ChronoUnit.HOURS)), window.toString());
  }

  @Test
  void theLocatorUsesTheCloneOfARestoredInstanceElseTheCatalogDatabase() throws SQLException {
    SandboxLocator locator = new SandboxLocator(databases);
    assertEquals(
        "inventory",
        locator.databaseOf(new DatabaseTarget(REGION, SOURCE, "x", 5432, "inventory")));
    String target = newInstance();
    restore.restoreToPointInTime(
        new PointInTimeRestoreRequest(REGION, SOURCE, target, Instant.now(), null, owner));
    assertEquals(
        SandboxDatabases.cloneName(target),
        locator.databaseOf(new DatabaseTarget(REGION, target, "x", 5432, "inventory")));
    assertTrue(
        locator
            .describe(new DatabaseTarget(REGION, target, "x", 5432, "inventory"))
            .contains("/" + SandboxDatabases.cloneName(target)));
  }

  private static QueryOutcome outcome(ValidationReport report, String name) {
    return report.outcomes().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
  }
}
