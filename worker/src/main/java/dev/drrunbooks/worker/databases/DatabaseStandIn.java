package dev.drrunbooks.worker.databases;

import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.catalog.Catalog;
import java.util.Map;

/**
 * A stand-in for RDS's databases, for an AWS emulator that has no database engine: the sandbox
 * module's (its PostgreSQL holds a database per restored instance). A service provider ({@link
 * java.util.ServiceLoader}): a module offers one by listing its class in {@code
 * META-INF/services/dev.drrunbooks.worker.databases.DatabaseStandIn}. The production worker has
 * none; {@link WorkerDatabases} uses one only when {@value WorkerDatabases#STAND_IN_ENV}=true, and
 * refuses to start without one then.
 */
public interface DatabaseStandIn {

  /**
   * The worker's database access through this stand-in, configured from {@code env} (e.g. its
   * cluster's address and login).
   *
   * @throws IllegalStateException or IllegalArgumentException when {@code env} lacks what it needs
   */
  DatabaseAccess open(Catalog catalog, AwsClients aws, Map<String, String> env);

  /**
   * What stands in, for the worker's start-up line, e.g. "sandbox PostgreSQL stands in for restored
   * instances".
   */
  String describe();
}
