package dev.drrunbooks.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.sql.DataValidationActivities;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.rds.Polling;
import dev.drrunbooks.aws.rds.RdsRestoreActivitiesImpl;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.sql.DataValidationActivitiesImpl;
import dev.drrunbooks.sql.RdsEndpointLocator;
import dev.drrunbooks.worker.DrWorker;
import dev.drrunbooks.worker.databases.DatabaseAccess;
import dev.drrunbooks.worker.databases.DatabaseStandIn;
import dev.drrunbooks.worker.databases.WorkerDatabases;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * With this module on the class path, the worker's ServiceLoader seam finds the sandbox's stand-in
 * databases, and the worker takes them only when DR_SANDBOX_DATABASES=true. Nothing here connects:
 * choosing opens no database.
 */
class SandboxDatabaseStandInTest {
  private static final Catalog CATALOG = CatalogFixture.load();
  private static final Map<String, String> SANDBOX =
      Map.of(
          "DR_SANDBOX_DATABASES", "true",
          "DR_DB_HOST", "127.0.0.1",
          "DR_DB_PORT", "1",
          "DR_DB_USER", "dr_admin",
          "DR_DB_PASSWORD", "not-used",
          "DR_SANDBOX_RESTORE_SECONDS", "3",
          "DR_SANDBOX_VALIDATION_SECONDS", "2");

  private final RdsRestoreActivitiesImpl rds =
      new RdsRestoreActivitiesImpl(
          region -> {
            throw new AssertionError("no RDS call when choosing (" + region + ")");
          },
          Polling.DEFAULT);
  private final DataValidationActivities checks =
      new DataValidationActivitiesImpl(new RdsEndpointLocator(target -> null));

  @Test
  void theModuleOffersItsStandInThroughServiceLoader() {
    List<DatabaseStandIn> found =
        ServiceLoader.load(DatabaseStandIn.class).stream()
            .map(ServiceLoader.Provider::get)
            .toList();
    assertEquals(1, found.size(), found.toString());
    assertInstanceOf(SandboxDatabaseStandIn.class, found.get(0));
  }

  @Test
  void theSwitchOnGivesTheWorkerTheSandboxsLocatorRestoreAndChecks() {
    DatabaseAccess access = WorkerDatabases.choose(CATALOG, null, SANDBOX);
    assertInstanceOf(SandboxLocator.class, access.locator());
    assertInstanceOf(SandboxRestoreActivities.class, access.restore(rds));
    assertInstanceOf(SandboxDataValidation.class, access.validation(checks));
    assertEquals("sandbox PostgreSQL stands in for restored instances", access.describe());
    assertEquals(
        "sandbox PostgreSQL stands in for restored instances", WorkerDatabases.describe(SANDBOX));
    WorkerDatabases.check(SANDBOX); // the start-up check passes: the stand-in is here
  }

  @Test
  void theSwitchOffGivesTheProductionAccessEvenWithThisModulePresent() {
    Map<String, String> env = new HashMap<>(SANDBOX);
    env.put("DR_SANDBOX_DATABASES", "false");
    DatabaseAccess access = WorkerDatabases.choose(CATALOG, null, env);
    assertInstanceOf(RdsEndpointLocator.class, access.locator());
    assertSame(rds, access.restore(rds));
    assertSame(checks, access.validation(checks));
    assertEquals("restored instances at their RDS endpoints", WorkerDatabases.describe(env));
    env.remove("DR_SANDBOX_DATABASES");
    assertFalse(WorkerDatabases.choose(CATALOG, null, env).locator() instanceof SandboxLocator);
  }

  @Test
  void theSwitchOnWithoutTheClustersAddressIsRefused() {
    Map<String, String> env = new HashMap<>(SANDBOX);
    env.remove("DR_DB_PORT");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> WorkerDatabases.choose(CATALOG, null, env));
    assertTrue(e.getMessage().contains("DR_DB_PORT"), e.getMessage());
  }

  /** The whole registration, as WorkerMain and the in-process sandbox workers do it. */
  @Test
  void aWorkerRegistersWithTheStandIn() {
    try (TestWorkflowEnvironment temporal = TestWorkflowEnvironment.newInstance();
        AwsClients aws =
            new AwsClients(
                URI.create("http://127.0.0.1:1"),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))) {
      DrWorker.register(
          temporal.newWorker("sandbox-stand-in"),
          CATALOG,
          CatalogFixture.path().toString(),
          aws,
          SANDBOX);
    }
  }
}
