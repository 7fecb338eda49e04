package dev.drrunbooks.sandbox;

import dev.drrunbooks.activities.rds.RdsRestoreActivities;
import dev.drrunbooks.activities.rds.RdsStandbyActivities;
import dev.drrunbooks.activities.sql.DataValidationActivities;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.rds.RdsRestoreActivitiesImpl;
import dev.drrunbooks.aws.rds.RdsStandbyActivitiesImpl;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.sql.DatabaseLocator;
import dev.drrunbooks.worker.databases.DatabaseAccess;
import dev.drrunbooks.worker.databases.DatabaseStandIn;
import java.time.Duration;
import java.util.Map;

/**
 * The sandbox's PostgreSQL standing in for RDS's databases, offered to the worker as a {@link
 * DatabaseStandIn} (listed in this module's {@code
 * META-INF/services/dev.drrunbooks.worker.databases.DatabaseStandIn}); the worker uses it when
 * DR_SANDBOX_DATABASES=true. Its access: {@link SandboxLocator} finds databases, {@link
 * SandboxRestoreActivities} makes a database per restored instance, {@link
 * SandboxStandbyActivities} one per promoted read replica, {@link SandboxDataValidation} pauses the
 * checks by DR_SANDBOX_VALIDATION_SECONDS.
 */
public final class SandboxDatabaseStandIn implements DatabaseStandIn {

  @Override
  public DatabaseAccess open(Catalog catalog, AwsClients aws, Map<String, String> env) {
    SandboxDatabases databases = SandboxDatabases.fromEnvironment(env);
    SandboxLocator locator = new SandboxLocator(databases);
    Map<String, String> instanceToDatabase = SandboxRestoreActivities.instanceToDatabase(catalog);
    Duration provisioningTime = SandboxRestoreActivities.provisioningTime(env);
    return new DatabaseAccess() {
      @Override
      public DatabaseLocator locator() {
        return locator;
      }

      @Override
      public RdsRestoreActivities restore(RdsRestoreActivitiesImpl rds) {
        return new SandboxRestoreActivities(rds, databases, instanceToDatabase, provisioningTime);
      }

      @Override
      public RdsStandbyActivities standby(RdsStandbyActivitiesImpl rds) {
        return new SandboxStandbyActivities(rds, databases, instanceToDatabase);
      }

      @Override
      public DataValidationActivities validation(DataValidationActivities checks) {
        return SandboxDataValidation.of(checks, env);
      }

      @Override
      public String describe() {
        return SandboxDatabaseStandIn.this.describe();
      }
    };
  }

  @Override
  public String describe() {
    return "sandbox PostgreSQL stands in for restored instances";
  }
}
