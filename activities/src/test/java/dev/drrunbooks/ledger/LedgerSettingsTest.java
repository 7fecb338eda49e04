package dev.drrunbooks.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerSettingsTest {
  private static final String URL = "jdbc:postgresql://ledger.example:5432/dr_ledger";

  @Test
  void noUrlIsNoLedger() {
    assertTrue(LedgerSettings.fromEnvironment(Map.of("DR_LEDGER_USER", "x")).isEmpty());
    assertTrue(LedgerSettings.fromEnvironment(Map.of("DR_LEDGER_JDBC_URL", " ")).isEmpty());
  }

  @Test
  void aUserAndPasswordFromTheEnvironmentAreNeverShown() {
    LedgerSettings s =
        LedgerSettings.fromEnvironment(
                Map.of(
                    "DR_LEDGER_JDBC_URL", URL + "?sslmode=require&password=inurl",
                    "DR_LEDGER_USER", "writer",
                    "DR_LEDGER_PASSWORD", "s3cret"))
            .orElseThrow();

    assertEquals("writer", s.user());
    assertEquals("s3cret", s.password());
    assertFalse(s.fromSecret());
    assertEquals(URL + "?... as writer (DR_LEDGER_USER)", s.describe());
    assertFalse(s.toString().contains("s3cret"), s.toString());
    assertFalse(s.toString().contains("inurl"), s.toString());
  }

  @Test
  void aSecretTakesTheRegionSetForItElseAwsRegion() {
    LedgerSettings s =
        LedgerSettings.fromEnvironment(
                Map.of(
                    "DR_LEDGER_JDBC_URL", URL,
                    "DR_LEDGER_SECRET_ID", "dr-runbooks/ledger",
                    "AWS_REGION", "eu-west-1"))
            .orElseThrow();
    assertTrue(s.fromSecret());
    assertEquals("eu-west-1", s.secretRegion());
    assertEquals(
        URL + " with the login in secret dr-runbooks/ledger (DR_LEDGER_SECRET_ID)", s.describe());

    LedgerSettings dr =
        LedgerSettings.fromEnvironment(
                Map.of(
                    "DR_LEDGER_JDBC_URL", URL,
                    "DR_LEDGER_SECRET_ID", "dr-runbooks/ledger",
                    "DR_LEDGER_SECRET_REGION", "eu-central-1",
                    "AWS_REGION", "eu-west-1"))
            .orElseThrow();
    assertEquals("eu-central-1", dr.secretRegion());
  }

  @Test
  void aUrlThatIsNotPostgresqlsIsRefusedNamingTheVariableWithoutItsParameters() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                LedgerSettings.fromEnvironment(
                    Map.of(
                        "DR_LEDGER_JDBC_URL", "jdbc:mysql://h/db?password=inurl",
                        "DR_LEDGER_USER", "writer")));
    assertEquals(
        "DR_LEDGER_JDBC_URL: 'jdbc:mysql://h/db?...' is not valid; allowed:"
            + " jdbc:postgresql://host:port/database",
        e.getMessage());
  }

  @Test
  void aUrlWithoutALoginIsRefusedNamingBothWays() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LedgerSettings.fromEnvironment(Map.of("DR_LEDGER_JDBC_URL", URL)));
    assertTrue(e.getMessage().contains("DR_LEDGER_SECRET_ID"), e.getMessage());
    assertTrue(e.getMessage().contains("DR_LEDGER_USER"), e.getMessage());
  }
}
