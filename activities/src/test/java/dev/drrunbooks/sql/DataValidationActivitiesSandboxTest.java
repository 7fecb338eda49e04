package dev.drrunbooks.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.sql.DatabaseTarget;
import dev.drrunbooks.activities.sql.QueryOutcome;
import dev.drrunbooks.activities.sql.ValidationReport;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.SandboxAws;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.catalog.Expectation;
import dev.drrunbooks.catalog.ValidationQuery;
import dev.drrunbooks.testing.SandboxEnv;
import io.temporal.failure.ApplicationFailure;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Validation through {@link RdsEndpointLocator} (the AWS path: endpoint, port and database name, a
 * login from the environment or Secrets Manager) against the sandbox's PostgreSQL as if it were the
 * endpoint.
 */
class DataValidationActivitiesSandboxTest {
  private SandboxEnv env;
  private AwsClients aws;
  private final List<String> secrets = new java.util.ArrayList<>();

  @BeforeEach
  void setUp() {
    env = SandboxEnv.get();
    aws = SandboxAws.clients();
  }

  @AfterEach
  void cleanUp() {
    for (String s : secrets) {
      aws.secretsManager("eu-west-1")
          .deleteSecret(r -> r.secretId(s).forceDeleteWithoutRecovery(true));
    }
    aws.close();
  }

  private DatabaseTarget sandboxAsEndpoint(String database) {
    return new DatabaseTarget(
        "eu-west-1",
        "mycomputer-inventory-db",
        env.require("DR_DB_HOST"),
        Integer.parseInt(env.require("DR_DB_PORT")),
        database);
  }

  private static List<ValidationQuery> inventoryChecks() {
    return CatalogFixture.load().services().get("inventory").validationQueries();
  }

  @Test
  void runsTheCatalogsChecksOnTheEndpointWithEnvironmentCredentials() {
    DataValidationActivitiesImpl validation =
        new DataValidationActivitiesImpl(
            new RdsEndpointLocator(CredentialsSource.fromEnvironment(env.all(), aws)));

    ValidationReport report =
        validation.validate(
            sandboxAsEndpoint("inventory"), sandboxAsEndpoint("inventory"), inventoryChecks());

    assertTrue(report.passed(), report.toString());
    assertEquals("all 4 checks passed", report.summary());
  }

  @Test
  void aCheckThatDoesNotPassIsEvidenceNotAFailure() {
    DataValidationActivitiesImpl validation =
        new DataValidationActivitiesImpl(
            new RdsEndpointLocator(CredentialsSource.environment(env.all())));
    ValidationReport report =
        validation.validate(
            sandboxAsEndpoint("inventory"),
            null,
            List.of(
                new ValidationQuery(
                    "too-many",
                    "SELECT COUNT(*) FROM inventory_items",
                    new Expectation(null, 1_000_000L, null)),
                new ValidationQuery(
                    "items-match-source",
                    "SELECT COUNT(*) FROM inventory_items",
                    new Expectation(null, null, 1.0))));

    assertFalse(report.passed());
    assertEquals("2 of 2 checks FAILED", report.summary());
    QueryOutcome noSource = report.outcomes().get(1);
    assertTrue(noSource.error().contains("no source database"), noSource.toString());
  }

  @Test
  void anUnreachableDatabaseIsARetryableFailureNamingWhereButNotThePassword() {
    DataValidationActivitiesImpl validation =
        new DataValidationActivitiesImpl(
            new RdsEndpointLocator(CredentialsSource.environment(env.all())));
    DatabaseTarget nowhere =
        new DatabaseTarget("eu-west-1", "dr-restored-db", "127.0.0.1", 1, "inventory");

    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class, () -> validation.validate(nowhere, null, inventoryChecks()));

    assertFalse(e.isNonRetryable());
    assertEquals("DatabaseUnreachable", e.getType());
    assertTrue(
        e.getOriginalMessage().contains("jdbc:postgresql://127.0.0.1:1/inventory"),
        e.getOriginalMessage());
    assertTrue(e.getOriginalMessage().contains("dr-restored-db"), e.getOriginalMessage());
    assertFalse(e.getOriginalMessage().contains(env.require("DR_DB_PASSWORD")));
  }

  @Test
  void aDatabaseThatDoesNotExistIsNotRetried() {
    DataValidationActivitiesImpl validation =
        new DataValidationActivitiesImpl(
            new RdsEndpointLocator(CredentialsSource.environment(env.all())));
    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class,
            () ->
                validation.validate(
                    sandboxAsEndpoint("no_such_database"), null, inventoryChecks()));
    assertTrue(e.isNonRetryable());
    assertTrue(e.getOriginalMessage().contains("/no_such_database"), e.getOriginalMessage());
  }

  @Test
  void aTargetWithoutAnEndpointYetIsABadInput() {
    DataValidationActivitiesImpl validation =
        new DataValidationActivitiesImpl(
            new RdsEndpointLocator(CredentialsSource.environment(env.all())));
    ApplicationFailure e =
        assertThrows(
            ApplicationFailure.class,
            () ->
                validation.validate(
                    new DatabaseTarget("eu-west-1", "dr-restoring-db", null, null, "inventory"),
                    null,
                    inventoryChecks()));
    assertTrue(e.isNonRetryable());
    assertTrue(e.getOriginalMessage().contains("'dr-restoring-db'"), e.getOriginalMessage());
  }

  @Test
  void credentialsComeFromASecretsManagerSecretWhenOneIsNamed() {
    String secretId = SandboxAws.uniqueName("dr-test/inventory-db");
    secrets.add(secretId);
    aws.secretsManager("eu-west-1")
        .createSecret(
            r ->
                r.name(secretId)
                    .secretString(
                        "{\"username\":\""
                            + env.require("DR_DB_USER")
                            + "\",\"password\":\""
                            + env.require("DR_DB_PASSWORD")
                            + "\",\"engine\":\"postgres\"}"));
    Map<String, String> workerEnv =
        new HashMap<>(Map.of("DR_DB_SECRET_ID", secretId, "AWS_REGION", "eu-west-1"));

    DataValidationActivitiesImpl validation =
        new DataValidationActivitiesImpl(
            new RdsEndpointLocator(CredentialsSource.fromEnvironment(workerEnv, aws)));

    assertTrue(
        validation
            .validate(
                sandboxAsEndpoint("inventory"), sandboxAsEndpoint("inventory"), inventoryChecks())
            .passed());
  }

  @Test
  void aMalformedOrMissingSecretFailsWithoutQuotingIt() {
    String secretId = SandboxAws.uniqueName("dr-test/bad-secret");
    secrets.add(secretId);
    aws.secretsManager("eu-west-1")
        .createSecret(r -> r.name(secretId).secretString("user=dr_admin pw=hunter2-secret"));
    DatabaseTarget target = sandboxAsEndpoint("inventory");

    ApplicationFailure malformed =
        assertThrows(
            ApplicationFailure.class,
            () -> new SecretsManagerCredentials(aws, secretId, "eu-west-1").credentials(target));
    assertTrue(malformed.isNonRetryable());
    assertTrue(malformed.getOriginalMessage().contains(secretId), malformed.getOriginalMessage());
    assertFalse(malformed.getOriginalMessage().contains("hunter2"), malformed.getOriginalMessage());

    ApplicationFailure missing =
        assertThrows(
            ApplicationFailure.class,
            () ->
                new SecretsManagerCredentials(aws, "dr-test/no-such-secret", "eu-west-1")
                    .credentials(target));
    assertTrue(missing.isNonRetryable());
    assertEquals(
        "database secret 'dr-test/no-such-secret' not found in eu-west-1 (DR_DB_SECRET_ID)",
        missing.getOriginalMessage());
  }
}
