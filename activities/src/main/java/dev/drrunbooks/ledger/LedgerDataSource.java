package dev.drrunbooks.ledger;

import dev.drrunbooks.sql.DatabaseCredentials;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A connection source for the ledger, one connection per write (one write per ended run needs no
 * pool): the settings' URL with a freshly read login. Timeouts bound a ledger that does not answer
 * (it may be in the region that failed) unless the URL sets its own.
 */
final class LedgerDataSource {
  /** Seconds to establish a connection (the driver's {@code connectTimeout}). */
  static final int CONNECT_TIMEOUT_SECONDS = 10;

  /**
   * Seconds a read may block ({@code socketTimeout}): below the write activity's 1-minute
   * start-to-close, so a hung connection fails the attempt here rather than lingering past it.
   */
  static final int SOCKET_TIMEOUT_SECONDS = 45;

  private LedgerDataSource() {}

  /**
   * @throws IllegalStateException when the login cannot be read (see {@link LedgerLogin})
   */
  static DataSource of(LedgerSettings settings, LedgerLogin login) {
    DatabaseCredentials credentials = login.credentials();
    PGSimpleDataSource ds = new PGSimpleDataSource();
    // Read by the driver when the settings were made (LedgerSettings): never null here.
    Properties fromUrl = Driver.parseURL(settings.jdbcUrl(), null);
    ds.setUrl(settings.jdbcUrl());
    ds.setUser(credentials.user());
    ds.setPassword(credentials.password());
    ds.setApplicationName("dr-runbooks ledger");
    if (!fromUrl.containsKey("connectTimeout")) ds.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
    if (!fromUrl.containsKey("socketTimeout")) ds.setSocketTimeout(SOCKET_TIMEOUT_SECONDS);
    return ds;
  }
}
