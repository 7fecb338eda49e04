package dev.drrunbooks.ledger;

import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The ledger's tables, made and kept current by Flyway from {@code db/ledger} (V1: runs,
 * run_objectives, run_steps, run_approvals) in the schema {@value #SCHEMA}, which also holds
 * Flyway's history table. Migrating is idempotent, and safe from several workers at once (Flyway
 * holds a PostgreSQL advisory lock while it migrates).
 */
public final class LedgerSchema {
  public static final String SCHEMA = "dr_ledger";
  static final String LOCATION = "classpath:db/ledger";

  private final Supplier<DataSource> connections;
  private volatile boolean migrated;

  /**
   * @param connections a source of the ledger's connections, asked only when a migration is due
   */
  LedgerSchema(Supplier<DataSource> connections) {
    this.connections = connections;
  }

  /**
   * Brings the schema to the newest migration.
   *
   * @return Flyway's account: {@code migrationsExecuted} (0 when already current), {@code
   *     targetSchemaVersion}
   * @throws org.flywaydb.core.api.FlywayException when the database cannot be reached or a
   *     migration fails (it is rolled back)
   */
  public static MigrateResult migrate(DataSource dataSource) {
    return Flyway.configure(LedgerSchema.class.getClassLoader())
        .dataSource(dataSource)
        .schemas(SCHEMA)
        .locations(LOCATION)
        .load()
        .migrate();
  }

  /**
   * Migrates unless this process has already done so: the worker's start-up migration may not have
   * reached the ledger, so the first write makes sure. Concurrent callers wait for one migration.
   *
   * @return null when the schema was already known to be current, else the migration's account
   */
  synchronized MigrateResult ensureMigrated() {
    if (migrated) return null;
    MigrateResult result = migrate(connections.get());
    migrated = true;
    return result;
  }
}
