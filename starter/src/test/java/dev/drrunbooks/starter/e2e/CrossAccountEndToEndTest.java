package dev.drrunbooks.starter.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.aws.RoleSessionNames;
import dev.drrunbooks.aws.iam.AwsActionRecorder;
import dev.drrunbooks.catalog.CatalogFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A service in another AWS account: the catalog puts Locations in account 210987654321 with a role
 * and an external id there; a backup-policy audit of Locations then reads the instance of that
 * account (the sandbox's emulator keeps one world per account and acts in the assumed role's
 * account, as AWS does), reached by STS AssumeRole of the catalog's role with the run's workflow id
 * as session name and the catalog's external id, while an audit of Inventory (the catalog's own
 * account) assumes nothing. The emulator does not check the role's trust policy or the external id,
 * so what the worker sent is read from the AWS call recorder.
 */
class CrossAccountEndToEndTest {
  private static final String OTHER = "210987654321";
  private static final String ROLE = "arn:aws:iam::" + OTHER + ":role/dr-runbooks-worker";
  private static final String EXTERNAL_ID = "mycomputer-" + UUID.randomUUID();
  private static final String INSTANCE = "mycomputer-locations-db";
  @TempDir static Path dir;
  private static SandboxWorker worker;
  private static RdsClient otherRds;

  @BeforeAll
  static void setUp() throws Exception {
    String yaml =
        CatalogFixture.text()
            .replace(
                "accountId: \"123456789012\"\n",
                "accountId: \"123456789012\"\naccounts:\n  \""
                    + OTHER
                    + "\": { roleArn: \""
                    + ROLE
                    + "\", externalId: \""
                    + EXTERNAL_ID
                    + "\" }\n")
            .replace(
                "  locations:\n    displayName: Locations\n",
                "  locations:\n    displayName: Locations\n    accountId: \"" + OTHER + "\"\n");
    assertTrue(yaml.contains("accountId: \"" + OTHER + "\""), "the catalog edit applied");
    Path catalog = Files.writeString(dir.resolve("catalog.yaml"), yaml);
    worker = new SandboxWorker(catalog, Map.of());
    otherRds = rdsIn(OTHER);
    try {
      otherRds.deleteDBInstance(r -> r.dbInstanceIdentifier(INSTANCE).skipFinalSnapshot(true));
    } catch (DbInstanceNotFoundException notThere) {
      // a fresh account
    }
    otherRds.createDBInstance(
        r ->
            r.dbInstanceIdentifier(INSTANCE)
                .engine("postgres")
                .dbInstanceClass("db.t3.micro")
                .allocatedStorage(20)
                .masterUsername("dr")
                .masterUserPassword("not-a-secret-" + UUID.randomUUID())
                .backupRetentionPeriod(11)
                .preferredBackupWindow("05:00-05:30"));
  }

  @AfterAll
  static void tearDown() {
    if (otherRds != null) {
      otherRds.deleteDBInstance(r -> r.dbInstanceIdentifier(INSTANCE).skipFinalSnapshot(true));
      otherRds.close();
    }
    if (worker != null) worker.close();
  }

  @Test
  void aServiceInAnotherAccountIsReachedThroughTheCatalogsRoleWithTheRunAsSession() {
    int before = AwsActionRecorder.recentCalls().size();

    CliRun audit = CliRun.of(worker.connectionArgs(), "backup-policy", "--service", "locations");

    assertEquals(0, audit.exitCode(), audit.toString());
    // 11 days is what the instance in the other account has; the default account's has another.
    assertTrue(
        audit
            .out()
            .matches("(?s).*rds:mycomputer-locations-db\\s+backup-retention-days\\s+30\\s+11\\b.*"),
        audit.toString());
    String runId = workflowId(audit);
    List<AssumeRoleRequest> assumed = assumeRoleCallsSince(before);
    assertTrue(!assumed.isEmpty(), "no sts:AssumeRole recorded: " + audit);
    for (AssumeRoleRequest r : assumed) {
      assertEquals(ROLE, r.roleArn());
      assertEquals(EXTERNAL_ID, r.externalId());
      assertEquals(RoleSessionNames.of(runId), r.roleSessionName());
    }
  }

  @Test
  void aServiceInTheCatalogsOwnAccountUsesTheDefaultCredentials() {
    int before = AwsActionRecorder.recentCalls().size();

    CliRun audit = CliRun.of(worker.connectionArgs(), "backup-policy", "--service", "inventory");

    assertEquals(0, audit.exitCode(), audit.toString());
    assertTrue(audit.out().contains("rds:mycomputer-inventory-db"), audit.toString());
    assertEquals(List.of(), assumeRoleCallsSince(before), audit.toString());
  }

  private static List<AssumeRoleRequest> assumeRoleCallsSince(int index) {
    List<AwsActionRecorder.Call> calls = AwsActionRecorder.recentCalls();
    return calls.subList(Math.min(index, calls.size()), calls.size()).stream()
        .filter(c -> c.action().equals("sts:AssumeRole"))
        .map(c -> (AssumeRoleRequest) c.request())
        .toList();
  }

  private static String workflowId(CliRun run) {
    Matcher m = Pattern.compile("Started backup-policy: workflow (\\S+) run").matcher(run.out());
    assertTrue(m.find(), run.toString());
    return m.group(1);
  }

  /** The test's own view of another account: the emulator's role session, not the worker's. */
  private static RdsClient rdsIn(String account) {
    Credentials c =
        worker
            .aws
            .sts("eu-west-1")
            .assumeRole(
                r ->
                    r.roleArn("arn:aws:iam::" + account + ":role/test-setup")
                        .roleSessionName("cross-account-test-setup"))
            .credentials();
    return RdsClient.builder()
        .region(Region.EU_WEST_1)
        .endpointOverride(java.net.URI.create(worker.env.require("AWS_ENDPOINT_URL")))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsSessionCredentials.create(
                    c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))
        .build();
  }
}
