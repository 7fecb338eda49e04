package dev.drrunbooks.sandbox;

import dev.drrunbooks.activities.sql.DatabaseTarget;
import dev.drrunbooks.sql.DatabaseLocator;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where a {@link DatabaseTarget} is in the sandbox: the emulator's RDS endpoints lead nowhere, so
 * the target's RDS instance maps to a database on the sandbox's PostgreSQL ({@code
 * DR_DB_HOST}:{@code DR_DB_PORT}):
 *
 * <ul>
 *   <li>a restored instance or a promoted read replica: its clone, {@link
 *       SandboxDatabases#cloneName} of the instance id ({@code rds_<instance id with '-' as '_'>}),
 *       made by {@link SandboxRestoreActivities} or {@link SandboxStandbyActivities};
 *   <li>a read replica not yet promoted: no clone, so {@code target.databaseName()}, its source's
 *       database: a replica with no lag, as the emulator reports it;
 *   <li>any other instance (the catalog's production instances): {@code target.databaseName()}, the
 *       seeded database (e.g. {@code inventory} for mycomputer-inventory-db).
 * </ul>
 *
 * The endpoint address and port in the target are ignored.
 */
public final class SandboxLocator implements DatabaseLocator {
  private final SandboxDatabases databases;

  public SandboxLocator(SandboxDatabases databases) {
    this.databases = databases;
  }

  @Override
  public Connection open(DatabaseTarget target) throws SQLException {
    return databases.connect(databaseOf(target));
  }

  @Override
  public String describe(DatabaseTarget target) {
    String db;
    try {
      db = databaseOf(target);
    } catch (SQLException e) {
      db = target.databaseName();
    }
    return databases.url(db) + " (sandbox database for RDS instance " + target.instanceId() + ")";
  }

  /** The clone of the target's instance when there is one, else the target's database name. */
  public String databaseOf(DatabaseTarget target) throws SQLException {
    if (target.instanceId() != null) {
      String clone = SandboxDatabases.cloneName(target.instanceId());
      if (databases.exists(clone)) return clone;
    }
    return target.databaseName();
  }
}
