package dev.drrunbooks.sql;

import dev.drrunbooks.activities.sql.DatabaseTarget;
import dev.drrunbooks.model.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * PostgreSQL on the RDS endpoint: {@code jdbc:postgresql://endpointAddress:port/databaseName} with
 * a login from a {@link CredentialsSource}. TLS as the driver's {@code sslmode} (default "prefer";
 * RDS for PostgreSQL 15+ forces TLS, which "prefer" satisfies; "verify-full" needs the RDS CA
 * bundle).
 */
public final class RdsEndpointLocator implements DatabaseLocator {
  private static final int CONNECT_TIMEOUT_SECONDS = 10;
  private final CredentialsSource credentials;
  private final String sslMode;

  public RdsEndpointLocator(CredentialsSource credentials) {
    this(credentials, "prefer");
  }

  public RdsEndpointLocator(CredentialsSource credentials, String sslMode) {
    this.credentials = credentials;
    this.sslMode = sslMode == null || sslMode.isBlank() ? "prefer" : sslMode;
  }

  @Override
  public Connection open(DatabaseTarget target) throws SQLException {
    if (target.endpointAddress() == null || target.endpointAddress().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "RDS instance '"
              + target.instanceId()
              + "' in "
              + target.region()
              + " has no endpoint yet: wait until it is available (awaitInstanceAvailable) before"
              + " validating it",
          FailureType.INVALID_INPUT.type());
    }
    DatabaseCredentials login = credentials.credentials(target);
    Properties props = new Properties();
    props.setProperty("user", login.user());
    props.setProperty("password", login.password());
    props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    props.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    props.setProperty("sslmode", sslMode);
    props.setProperty("ApplicationName", "dr-runbooks validation");
    return DriverManager.getConnection(url(target), props);
  }

  @Override
  public String describe(DatabaseTarget target) {
    return url(target) + " (RDS instance " + target.instanceId() + " in " + target.region() + ")";
  }

  static String url(DatabaseTarget target) {
    int port = target.port() == null ? 5432 : target.port();
    return "jdbc:postgresql://"
        + target.endpointAddress()
        + ":"
        + port
        + "/"
        + target.databaseName();
  }
}
