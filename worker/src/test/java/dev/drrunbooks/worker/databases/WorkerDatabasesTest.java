package dev.drrunbooks.worker.databases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.sql.DataValidationActivities;
import dev.drrunbooks.activities.sql.DatabaseTarget;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.rds.Polling;
import dev.drrunbooks.aws.rds.RdsRestoreActivitiesImpl;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.sql.DataValidationActivitiesImpl;
import dev.drrunbooks.sql.DatabaseLocator;
import dev.drrunbooks.sql.RdsEndpointLocator;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The worker's choice of database access: production's unless DR_SANDBOX_DATABASES=true, then the
 * stand-in on the class path, and never production's in its place. This module's class path has no
 * stand-in (the sandbox module's comes after it), as the production worker's has none.
 */
class WorkerDatabasesTest {
  private static final Catalog CATALOG = CatalogFixture.load();
  private static final AwsClients NO_AWS = null; // neither access makes a call when chosen
  private static final Map<String, String> SANDBOX = Map.of("DR_SANDBOX_DATABASES", "true");

  private final RdsRestoreActivitiesImpl rds =
      new RdsRestoreActivitiesImpl(
          region -> {
            throw new AssertionError("no RDS call when choosing (" + region + ")");
          },
          Polling.DEFAULT);
  private final DataValidationActivities checks =
      new DataValidationActivitiesImpl(new RdsEndpointLocator(target -> null));

  @Test
  void withoutTheSwitchTheWorkerReachesRestoredInstancesAtTheirRdsEndpoints() {
    for (Map<String, String> env :
        List.of(
            Map.<String, String>of(),
            Map.of("DR_SANDBOX_DATABASES", "false"),
            Map.of("DR_SANDBOX_DATABASES", " FALSE "),
            Map.of("DR_SANDBOX_DATABASES", ""))) {
      // a stand-in on the class path changes nothing unless asked for
      DatabaseAccess access =
          WorkerDatabases.choose(CATALOG, NO_AWS, env, List.of(new FakeStandIn()));
      assertInstanceOf(RdsDatabaseAccess.class, access, env.toString());
      assertInstanceOf(RdsEndpointLocator.class, access.locator());
      assertSame(rds, access.restore(rds), "the real restore activities, as they are");
      assertSame(checks, access.validation(checks), "the real checks, as they are");
      assertEquals("restored instances at their RDS endpoints", access.describe());
      assertEquals(
          "restored instances at their RDS endpoints", WorkerDatabases.describe(env, List.of()));
    }
  }

  @Test
  void theSwitchTakesTheStandInOnTheClassPathWithTheWorkersCatalogAndEnvironment() {
    FakeStandIn standIn = new FakeStandIn();
    DatabaseAccess access =
        WorkerDatabases.choose(
            CATALOG, NO_AWS, Map.of("DR_SANDBOX_DATABASES", "True"), List.of(standIn));
    assertSame(standIn.access, access);
    assertSame(CATALOG, standIn.catalog);
    assertEquals(Map.of("DR_SANDBOX_DATABASES", "True"), standIn.env);
    assertEquals(
        "a fake stands in for restored instances",
        WorkerDatabases.describe(SANDBOX, List.of(standIn)));
  }

  @Test
  void theSwitchWithoutAStandInIsRefusedInOneLineSayingWhatToDo() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> WorkerDatabases.choose(CATALOG, NO_AWS, SANDBOX, List.of()));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(e.getMessage().startsWith("DR_SANDBOX_DATABASES=true asks for"), e.getMessage());
    assertTrue(e.getMessage().contains("sandbox/target/dr-sandbox.jar"), e.getMessage());
    assertTrue(e.getMessage().contains("unset DR_SANDBOX_DATABASES"), e.getMessage());
    assertEquals(
        e.getMessage(),
        assertThrows(
                IllegalStateException.class, () -> WorkerDatabases.describe(SANDBOX, List.of()))
            .getMessage());
  }

  @Test
  void thisClassPathLikeTheProductionWorkersHasNoStandInSoTheStartUpCheckRefusesTheSwitch() {
    assertTrue(WorkerDatabases.installed().isEmpty(), WorkerDatabases.installed().toString());
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> WorkerDatabases.check(SANDBOX));
    assertTrue(e.getMessage().startsWith("DR_SANDBOX_DATABASES=true asks for"), e.getMessage());
    assertThrows(
        IllegalStateException.class, () -> WorkerDatabases.choose(CATALOG, NO_AWS, SANDBOX));
    WorkerDatabases.check(Map.of()); // nothing asked, nothing missing
  }

  @Test
  void aValueThatIsNeitherTrueNorFalseIsRefusedRatherThanTakenForFalse() {
    for (String value : List.of("yes", "1", "on", "sandbox")) {
      Map<String, String> env = Map.of("DR_SANDBOX_DATABASES", value);
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> WorkerDatabases.choose(CATALOG, NO_AWS, env, List.of(new FakeStandIn())));
      assertEquals(
          "DR_SANDBOX_DATABASES: '" + value + "' is neither true nor false", e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> WorkerDatabases.check(env));
    }
  }

  @Test
  void twoStandInsAreAmbiguous() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                WorkerDatabases.choose(
                    CATALOG, NO_AWS, SANDBOX, List.of(new FakeStandIn(), new FakeStandIn())));
    assertTrue(e.getMessage().contains("several database stand-ins"), e.getMessage());
  }

  private static final class FakeStandIn implements DatabaseStandIn {
    final DatabaseAccess access =
        new DatabaseAccess() {
          @Override
          public DatabaseLocator locator() {
            return new DatabaseLocator() {
              @Override
              public Connection open(DatabaseTarget target) {
                throw new AssertionError("not opened");
              }

              @Override
              public String describe(DatabaseTarget target) {
                return "nowhere";
              }
            };
          }

          @Override
          public String describe() {
            return "a fake";
          }
        };
    Catalog catalog;
    Map<String, String> env;

    @Override
    public DatabaseAccess open(Catalog catalog, AwsClients aws, Map<String, String> env) {
      this.catalog = catalog;
      this.env = env;
      return access;
    }

    @Override
    public String describe() {
      return "a fake stands in for restored instances";
    }
  }
}
