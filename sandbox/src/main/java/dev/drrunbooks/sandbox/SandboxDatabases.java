package dev.drrunbooks.sandbox;

import dev.drrunbooks.sql.DatabaseCredentials;
import dev.drrunbooks.worker.databases.WorkerDatabases;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's stand-in for RDS's storage engine. The AWS emulator (moto) has no database engine:
 * its restored instance is a record with a made-up endpoint. So in the sandbox every restored
 * instance gets its own PostgreSQL database on the sandbox cluster, a clone of its source's
 * database:
 *
 * <ul>
 *   <li>name: {@code rds_} + the instance id with '-' as '_' (e.g. {@code
 *       rds_pitr_inventory_20240115t0330z}), at most 63 characters (longer ids keep their start and
 *       get a hash);
 *   <li>content: {@code CREATE DATABASE clone TEMPLATE source}, then the restore point is emulated
 *       in the clone: inventory transactions after the point are deleted (their quantity_delta
 *       first taken back out of inventory_items.quantity, so quantities are as of the point) and so
 *       are audit_log rows after the point. An item written outside that ledger (a direct UPDATE of
 *       its quantity) is rebuilt instead from the seed's {@value #OPENING_ITEMS} plus its
 *       transactions up to the point, as RDS would restore it from its backup. A database without
 *       those tables is cloned as is; one with its own {@code
 *       sandbox_backup.restore_to(timestamptz)} (the payments seed) is taken back to the point by
 *       that function instead.
 * </ul>
 *
 * Enabled by {@code DR_SANDBOX_DATABASES=true} in a worker with this module on its class path
 * ({@link SandboxDatabaseStandIn}); the cluster is {@code DR_DB_HOST}, {@code DR_DB_PORT}, {@code
 * DR_DB_USER} (needs CREATEDB), {@code DR_DB_PASSWORD}.
 */
public final class SandboxDatabases {
  private static final Logger log = LoggerFactory.getLogger(SandboxDatabases.class);

  /** The worker asks for these databases ({@link SandboxDatabaseStandIn}) with this set true. */
  public static final String ENABLED_ENV = WorkerDatabases.STAND_IN_ENV;

  static final String PREFIX = "rds_";
  private static final int PG_MAX_NAME = 63;
  private static final String MAINTENANCE_DB = "postgres";
  private static final int TEMPLATE_BUSY_ATTEMPTS = 8;

  /** The seed's items before any transaction: what a restore rebuilds overwritten items from. */
  static final String OPENING_ITEMS = "sandbox_backup.inventory_items_opening";

  private final String host;
  private final int port;
  private final DatabaseCredentials login;

  public SandboxDatabases(String host, int port, DatabaseCredentials login) {
    this.host = host;
    this.port = port;
    this.login = login;
  }

  /** The sandbox cluster from DR_DB_HOST, DR_DB_PORT, DR_DB_USER, DR_DB_PASSWORD. */
  public static SandboxDatabases fromEnvironment(Map<String, String> env) {
    String host = env.getOrDefault("DR_DB_HOST", "127.0.0.1");
    String port = env.get("DR_DB_PORT");
    if (port == null || port.isBlank()) {
      throw new IllegalStateException(
          ENABLED_ENV + "=true needs DR_DB_HOST and DR_DB_PORT of the sandbox's PostgreSQL");
    }
    return new SandboxDatabases(
        host, Integer.parseInt(port.trim()), DatabaseCredentials.fromEnvironment(env));
  }

  /** The database standing in for RDS instance {@code instanceId}. */
  public static String cloneName(String instanceId) {
    String base = PREFIX + instanceId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    if (base.length() <= PG_MAX_NAME) return base;
    String hash = sha256(instanceId).substring(0, 8);
    return base.substring(0, PG_MAX_NAME - hash.length() - 1) + "_" + hash;
  }

  public Connection connect(String database) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", login.user());
    props.setProperty("password", login.password());
    props.setProperty("connectTimeout", "10");
    props.setProperty("ApplicationName", "dr-runbooks sandbox");
    return DriverManager.getConnection(url(database), props);
  }

  /** For messages: where a database is, no credentials. */
  public String url(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public boolean exists(String database) throws SQLException {
    try (Connection c = connect(MAINTENANCE_DB);
        PreparedStatement st = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      st.setString(1, database);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * Makes the database of restored instance {@code instanceId}: a clone of {@code sourceDatabase}
   * as of {@code restorePoint} (null: as the source is now). Idempotent: an existing clone is kept,
   * and the emulation of the point, one transaction, finds nothing left to do a second time.
   *
   * @return the clone's name
   */
  public String materialize(String instanceId, String sourceDatabase, Instant restorePoint)
      throws SQLException {
    String clone = cloneName(instanceId);
    if (!exists(clone)) {
      if (!exists(sourceDatabase)) {
        throw new SQLException(
            "sandbox database '"
                + sourceDatabase
                + "' (the source of RDS instance "
                + instanceId
                + ") does not exist at "
                + url(sourceDatabase),
            "3D000");
      }
      createFromTemplate(clone, sourceDatabase);
    }
    try (Connection c = connect(clone)) {
      emulateRestorePoint(c, clone, restorePoint);
    }
    try (Connection c = connect(MAINTENANCE_DB);
        Statement st = c.createStatement()) {
      st.execute(
          "COMMENT ON DATABASE "
              + quote(clone)
              + " IS "
              + literal(
                  "dr-runbooks sandbox: RDS instance "
                      + instanceId
                      + ", clone of "
                      + sourceDatabase
                      + (restorePoint == null ? "" : " as of " + restorePoint)));
    }
    return clone;
  }

  /**
   * Drops the database of {@code instanceId}, disconnecting whoever uses it; true when there was
   * one.
   */
  public boolean drop(String instanceId) throws SQLException {
    String clone = cloneName(instanceId);
    boolean existed = exists(clone);
    try (Connection c = connect(MAINTENANCE_DB);
        Statement st = c.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + quote(clone) + " WITH (FORCE)");
    }
    if (existed) log.info("sandbox: dropped database {} of RDS instance {}", clone, instanceId);
    return existed;
  }

  private void createFromTemplate(String clone, String source) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = connect(MAINTENANCE_DB);
          Statement st = c.createStatement()) {
        st.execute("CREATE DATABASE " + quote(clone) + " TEMPLATE " + quote(source));
        log.info("sandbox: created database {} from {}", clone, source);
        return;
      } catch (SQLException e) {
        if ("42P04".equals(e.getSQLState())) return; // created meanwhile by a concurrent attempt
        // 55006: "source database is being accessed by other users"; a template needs to be idle.
        if (!"55006".equals(e.getSQLState()) || attempt >= TEMPLATE_BUSY_ATTEMPTS) {
          if ("55006".equals(e.getSQLState())) {
            throw new SQLException(
                "cannot clone sandbox database '"
                    + source
                    + "' into '"
                    + clone
                    + "': still in use after "
                    + attempt
                    + " attempts ("
                    + sessionsOn(source)
                    + ")",
                e.getSQLState(),
                e);
          }
          throw e;
        }
        sleep(250L * attempt);
      }
    }
  }

  private String sessionsOn(String database) {
    try (Connection c = connect(MAINTENANCE_DB);
        PreparedStatement st =
            c.prepareStatement(
                "SELECT count(*), string_agg(DISTINCT coalesce(nullif(application_name, ''), '?'),"
                    + " ', ') FROM pg_stat_activity WHERE datname = ?")) {
      st.setString(1, database);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1) + " session(s): " + rs.getString(2);
      }
    } catch (SQLException e) {
      return "sessions unknown: " + e.getMessage();
    }
  }

  private static void emulateRestorePoint(Connection c, String clone, Instant point)
      throws SQLException {
    if (point == null) return;
    if (hasOwnRestore(c)) {
      restoreWithOwnFunction(c, clone, point);
      return;
    }
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      Timestamp at = Timestamp.from(point);
      long transactions = 0;
      long audit = 0;
      List<Long> rebuilt = List.of();
      if (tableExists(c, "inventory_transactions")) {
        if (tableExists(c, "inventory_items") && tableExists(c, OPENING_ITEMS)) {
          rebuilt = rebuildItemsWrittenOutsideTheLedger(c, at);
        }
        if (tableExists(c, "inventory_items")) {
          try (PreparedStatement st =
              c.prepareStatement(
                  "UPDATE inventory_items AS i SET quantity = i.quantity - later.total FROM (SELECT"
                      + " item_id, sum(quantity_delta)::int AS total FROM inventory_transactions"
                      + " WHERE transaction_date > ? GROUP BY item_id) AS later WHERE later.item_id"
                      + " = i.id AND NOT (i.id = ANY(?))")) {
            st.setTimestamp(1, at);
            st.setArray(2, c.createArrayOf("bigint", rebuilt.toArray(Long[]::new)));
            st.executeUpdate();
          }
        }
        try (PreparedStatement st =
            c.prepareStatement("DELETE FROM inventory_transactions WHERE transaction_date > ?")) {
          st.setTimestamp(1, at);
          transactions = st.executeUpdate();
        }
      }
      if (tableExists(c, "audit_log")) {
        try (PreparedStatement st =
            c.prepareStatement("DELETE FROM audit_log WHERE created_at > ?")) {
          st.setTimestamp(1, at);
          audit = st.executeUpdate();
        }
      }
      c.commit();
      if (transactions + audit + rebuilt.size() > 0) {
        log.info(
            "sandbox: {} as of {}: removed {} later transaction(s) and {} later audit row(s);"
                + " rebuilt {} item(s) written outside the ledger {}",
            clone,
            point,
            transactions,
            audit,
            rebuilt.size(),
            rebuilt);
      }
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /**
   * Items a statement wrote outside the ledger (their quantity is no longer their opening stock
   * plus their transactions, e.g. a direct {@code UPDATE inventory_items SET quantity = 0}) get
   * their row as of {@code at} back from the seed's opening rows: opening stock plus their
   * transactions up to {@code at}. RDS restores them from its backup and log; without this the
   * clone would keep the overwrite. The sandbox has no log of when such a write happened, so it is
   * taken as after {@code at}: a restore to a later point undoes it too. Returns their ids.
   */
  private static List<Long> rebuildItemsWrittenOutsideTheLedger(Connection c, Timestamp at)
      throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement st =
        c.prepareStatement(
            "WITH ledger AS (SELECT o.id, o.quantity + coalesce(sum(t.quantity_delta), 0) AS"
                + " quantity, o.quantity + coalesce(sum(t.quantity_delta) FILTER (WHERE"
                + " t.transaction_date <= ?), 0) AS quantity_at, greatest(o.updated_at,"
                + " max(t.transaction_date) FILTER (WHERE t.transaction_date <= ?)) AS updated_at"
                + " FROM "
                + OPENING_ITEMS
                + " o LEFT JOIN inventory_transactions t ON t.item_id = o.id GROUP BY o.id,"
                + " o.quantity, o.updated_at) UPDATE inventory_items AS i SET sku = o.sku, name ="
                + " o.name, location = o.location, quantity = l.quantity_at, updated_at ="
                + " l.updated_at FROM ledger l JOIN "
                + OPENING_ITEMS
                + " o ON o.id = l.id "
                + "WHERE l.id = i.id AND i.quantity <> l.quantity RETURNING i.id")) {
      st.setTimestamp(1, at);
      st.setTimestamp(2, at);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  /**
   * A seeded database may bring its own {@value #OWN_RESTORE} (payments.sql does): it knows its
   * schema, so the clone is taken back to the point by it instead of by the Inventory emulation
   * above.
   */
  static final String OWN_RESTORE = "sandbox_backup.restore_to(timestamptz)";

  private static boolean hasOwnRestore(Connection c) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT to_regprocedure(?) IS NOT NULL")) {
      st.setString(1, OWN_RESTORE);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  private static void restoreWithOwnFunction(Connection c, String clone, Instant point)
      throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT sandbox_backup.restore_to(?)")) {
      st.setTimestamp(1, Timestamp.from(point));
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        log.info("sandbox: {} as of {}: {}", clone, point, rs.getString(1));
      }
    }
  }

  private static boolean tableExists(Connection c, String table) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      st.setString(1, table.contains(".") ? table : "public." + table);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to clone a sandbox database", e);
    }
  }

  @Override
  public String toString() {
    return "SandboxDatabases[" + host + ":" + port + ", user " + login.user() + "]";
  }
}
