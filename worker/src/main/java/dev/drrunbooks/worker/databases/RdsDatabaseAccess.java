package dev.drrunbooks.worker.databases;

import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.sql.CredentialsSource;
import dev.drrunbooks.sql.DatabaseLocator;
import dev.drrunbooks.sql.RdsEndpointLocator;
import java.util.Map;

/**
 * Production: restored instances at their own RDS endpoints, with credentials from Secrets Manager
 * (DR_DB_SECRET_ID) or the environment (DR_DB_USER, DR_DB_PASSWORD); the restore and
 * data-validation activities are registered as they are.
 */
final class RdsDatabaseAccess implements DatabaseAccess {
  static final String DESCRIPTION = "restored instances at their RDS endpoints";

  private final DatabaseLocator locator;

  RdsDatabaseAccess(Map<String, String> env, AwsClients aws) {
    this.locator = new RdsEndpointLocator(CredentialsSource.fromEnvironment(env, aws));
  }

  @Override
  public DatabaseLocator locator() {
    return locator;
  }

  @Override
  public String describe() {
    return DESCRIPTION;
  }
}
