package dev.drrunbooks.ledger;

import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.sql.DatabaseCredentials;

/**
 * The ledger's login, read at each connection (a rotated secret is picked up). Failing to read it
 * throws {@link IllegalStateException} naming the secret or variable, never its content.
 */
@FunctionalInterface
public interface LedgerLogin {

  DatabaseCredentials credentials();

  /** From the secret when the settings name one ({@link SecretLogin}), else the environment's. */
  static LedgerLogin of(LedgerSettings settings, AwsClients aws) {
    if (settings.fromSecret()) {
      return new SecretLogin(aws, settings.secretId(), settings.secretRegion());
    }
    DatabaseCredentials login = new DatabaseCredentials(settings.user(), settings.password());
    return () -> login;
  }
}
