package dev.drrunbooks.worker.databases;

import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.catalog.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Which {@link DatabaseAccess} a worker uses. Restored instances at their RDS endpoints, unless
 * {@value #STAND_IN_ENV}=true asks for a {@link DatabaseStandIn}: then the one on the class path
 * ({@link ServiceLoader}; the sandbox module's), and the worker refuses to start when there is none
 * rather than act on real RDS endpoints the operator did not mean.
 */
public final class WorkerDatabases {
  /** true: a stand-in (the sandbox's PostgreSQL) holds the restored instances' databases. */
  public static final String STAND_IN_ENV = "DR_SANDBOX_DATABASES";

  private WorkerDatabases() {}

  /**
   * Whether {@code env} asks for a stand-in: {@value #STAND_IN_ENV} is true (any case); unset,
   * blank or false asks for none.
   *
   * @throws IllegalArgumentException for any other value, which may have meant either
   */
  public static boolean standInAsked(Map<String, String> env) {
    String value = env.getOrDefault(STAND_IN_ENV, "").trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "true" -> true;
      case "", "false" -> false;
      default ->
          throw new IllegalArgumentException(
              STAND_IN_ENV + ": '" + env.get(STAND_IN_ENV).trim() + "' is neither true nor false");
    };
  }

  /** The worker's database access for {@code env}, with the stand-ins on the class path. */
  public static DatabaseAccess choose(Catalog catalog, AwsClients aws, Map<String, String> env) {
    return choose(catalog, aws, env, installed());
  }

  /**
   * @param standIns the stand-ins found, for tests; {@link #choose(Catalog, AwsClients, Map)} looks
   *     them up with ServiceLoader
   */
  static DatabaseAccess choose(
      Catalog catalog, AwsClients aws, Map<String, String> env, List<DatabaseStandIn> standIns) {
    if (!standInAsked(env)) return new RdsDatabaseAccess(env, aws);
    return standIn(standIns).open(catalog, aws, env);
  }

  /**
   * Fails as {@link #choose} would, without opening anything: for the worker's start-up, before it
   * connects anywhere.
   *
   * @throws IllegalArgumentException when {@value #STAND_IN_ENV} is neither true nor false
   * @throws IllegalStateException when it asks for a stand-in and none is on the class path
   */
  public static void check(Map<String, String> env) {
    if (standInAsked(env)) standIn(installed());
  }

  /** How restored databases are reached, for the start-up line. */
  public static String describe(Map<String, String> env) {
    return describe(env, installed());
  }

  static String describe(Map<String, String> env, List<DatabaseStandIn> standIns) {
    return standInAsked(env) ? standIn(standIns).describe() : RdsDatabaseAccess.DESCRIPTION;
  }

  /** The one stand-in there is; an error (one line) naming what to do when there is not one. */
  static DatabaseStandIn standIn(List<DatabaseStandIn> standIns) {
    if (standIns.isEmpty()) {
      throw new IllegalStateException(
          STAND_IN_ENV
              + "=true asks for the sandbox's stand-in databases, but this worker has none on its"
              + " class path (the production worker jar never does; the sandbox runs"
              + " sandbox/target/dr-sandbox.jar): unset "
              + STAND_IN_ENV
              + " to reach restored instances at their RDS endpoints");
    }
    if (standIns.size() > 1) {
      throw new IllegalStateException(
          STAND_IN_ENV
              + "=true but several database stand-ins are on the class path: "
              + standIns.stream().map(s -> s.getClass().getName()).toList());
    }
    return standIns.get(0);
  }

  /** The stand-ins on the class path: none in production, the sandbox module's in the sandbox. */
  static List<DatabaseStandIn> installed() {
    List<DatabaseStandIn> found = new ArrayList<>();
    ServiceLoader.load(DatabaseStandIn.class, DatabaseStandIn.class.getClassLoader())
        .forEach(found::add);
    return found;
  }
}
