package dev.drrunbooks.starter.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drrunbooks.backuppolicy.BackupPolicyResult;
import dev.drrunbooks.backuppolicy.PolicyAction;
import dev.drrunbooks.backuppolicy.PolicyCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackupPolicyCommandTest {

  @Test
  void aRefusedWindowIsANumberedNoteUnderTheTableAndTheOtherSettingsShowAsChanged() {
    List<PolicyCheck> checks =
        List.of(
            new PolicyCheck(
                "inventory",
                "rds:mycomputer-inventory-db",
                "backup-retention-days",
                "30",
                "7",
                PolicyAction.CHANGED,
                "30",
                null),
            new PolicyCheck(
                "inventory",
                "rds:mycomputer-inventory-db",
                "preferred-backup-window",
                "03:00-04:00",
                "22:00-22:30",
                PolicyAction.FAILED,
                null,
                "RDS refused it: overlaps sun:03:15-sun:04:15"));
    BackupPolicyResult result =
        new BackupPolicyResult(
            "apply",
            List.of("inventory"),
            checks,
            0,
            0,
            1,
            1,
            "1 of 2 checks FAILED; see their detail; changed 1 other setting(s)",
            List.of());

    assertEquals(
        """
        SERVICE    RESOURCE                     CHECK                    EXPECTED     FOUND        ACTION   NOW  NOTE
        inventory  rds:mycomputer-inventory-db  backup-retention-days    30           7            CHANGED  30   -
        inventory  rds:mycomputer-inventory-db  preferred-backup-window  03:00-04:00  22:00-22:30  FAILED   -    [1]

        [1] rds:mycomputer-inventory-db preferred-backup-window: RDS refused it: overlaps sun:03:15-sun:04:15

        Backup policy apply of inventory: 1 of 2 checks FAILED; see their detail; changed 1 other setting(s)
        """,
        BackupPolicyCommand.render(result));
  }

  @Test
  void longValuesAreNotesAndALongValueFoundAsExpectedSaysSo() {
    String rule =
        "Enabled, priority 1, whole bucket, delete markers Disabled, to mycomputer-assets-dr,"
            + " STANDARD_IA";
    String tmpOnly =
        "Enabled, priority 1, prefix 'tmp/', delete markers Disabled, to mycomputer-assets-dr,"
            + " STANDARD_IA";
    List<PolicyCheck> checks =
        List.of(
            new PolicyCheck(
                "inventory",
                "s3:mycomputer-assets",
                "replication-rule",
                rule,
                tmpOnly,
                PolicyAction.CHANGED,
                rule,
                null),
            new PolicyCheck(
                "inventory",
                "s3:mycomputer-assets",
                "versioning",
                "Enabled",
                "Enabled",
                PolicyAction.COMPLIANT,
                "Enabled",
                null));
    BackupPolicyResult result =
        new BackupPolicyResult(
            "apply",
            List.of("inventory"),
            checks,
            1,
            1,
            0,
            0,
            "Changed 1 setting(s); 1 already compliant",
            List.of());

    assertEquals(
        """
        SERVICE    RESOURCE              CHECK             EXPECTED  FOUND    ACTION     NOW            NOTE
        inventory  s3:mycomputer-assets  replication-rule  [1]       [2]      CHANGED    (as expected)  -
        inventory  s3:mycomputer-assets  versioning        Enabled   Enabled  COMPLIANT  Enabled        -

        [1] s3:mycomputer-assets replication-rule expected: %s
        [2] s3:mycomputer-assets replication-rule found: %s

        Backup policy apply of inventory: Changed 1 setting(s); 1 already compliant
        """
            .formatted(rule, tmpOnly),
        BackupPolicyCommand.render(result));
  }
}
