package dev.drrunbooks.sql;

import dev.drrunbooks.activities.sql.DatabaseTarget;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where a {@link DatabaseTarget} really is and how to log in to it. On AWS that is the RDS endpoint
 * ({@link RdsEndpointLocator}); in the sandbox, whose emulated RDS has no database engine, a
 * database on the sandbox's PostgreSQL (the sandbox module's SandboxLocator).
 */
public interface DatabaseLocator {

  /** A new connection the caller closes. */
  Connection open(DatabaseTarget target) throws SQLException;

  /** Where {@link #open} connects, for messages: host, port and database, never credentials. */
  String describe(DatabaseTarget target);
}
