package dev.drrunbooks.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.ledger.LedgerReceipt;
import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.aws.SandboxAws;
import dev.drrunbooks.testing.SandboxEnv;
import io.temporal.failure.ApplicationFailure;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The ledger's login from a Secrets Manager secret shaped as RDS-managed master user secrets are
 * ({@code {"username": ..., "password": ...}}), in the sandbox's moto; a secret that is missing is
 * retried (someone can create it), naming the secret and never a password.
 */
class SecretLoginSandboxTest {
  private final SandboxEnv env = SandboxEnv.get();

  @Test
  void aRunIsRecordedWithTheLoginFromTheSecret() throws SQLException {
    String id = LedgerEvidence.uniqueId("secret");
    String name = SandboxAws.uniqueName("dr-runbooks/ledger-test");
    try (AwsClients aws = SandboxAws.clients()) {
      SecretsManagerClient sm = aws.secretsManager("eu-west-1");
      String arn =
          sm.createSecret(
                  r ->
                      r.name(name)
                          .secretString(
                              "{\"username\":\""
                                  + env.require("DR_LEDGER_USER")
                                  + "\",\"password\":\""
                                  + env.require("DR_LEDGER_PASSWORD")
                                  + "\",\"engine\":\"postgres\"}"))
              .arn();
      try {
        LedgerReceipt receipt =
            LedgerActivitiesImpl.fromEnvironment(secretEnv(arn), aws)
                .recordRun(LedgerEvidence.drill(id));
        assertEquals(new LedgerReceipt(true, "recorded"), receipt);
        assertEquals(1, SandboxLedger.count("runs", id));
      } finally {
        sm.deleteSecret(r -> r.secretId(arn).forceDeleteWithoutRecovery(true));
        SandboxLedger.delete(id);
      }
    }
  }

  @Test
  void aMissingSecretIsRetriedNamingIt() {
    try (AwsClients aws = SandboxAws.clients()) {
      ApplicationFailure f =
          assertThrows(
              ApplicationFailure.class,
              () ->
                  LedgerActivitiesImpl.fromEnvironment(
                          secretEnv("dr-runbooks/ledger-test-missing"), aws)
                      .recordRun(LedgerEvidence.drill(LedgerEvidence.uniqueId("nosecret"))));
      assertEquals("LedgerUnavailable", f.getType());
      assertFalse(f.isNonRetryable());
      assertTrue(
          f.getOriginalMessage().contains("'dr-runbooks/ledger-test-missing' in eu-west-1"),
          f.getOriginalMessage());
      assertTrue(f.getOriginalMessage().contains("DR_LEDGER_SECRET_ID"), f.getOriginalMessage());
    }
  }

  private Map<String, String> secretEnv(String secretId) {
    Map<String, String> e = new HashMap<>();
    e.put("DR_LEDGER_JDBC_URL", env.require("DR_LEDGER_JDBC_URL"));
    e.put("DR_LEDGER_SECRET_ID", secretId);
    e.put("AWS_REGION", "eu-west-1");
    return e;
  }
}
