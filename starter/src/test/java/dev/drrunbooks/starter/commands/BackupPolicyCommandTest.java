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
    List<PolicyCheck> checks = List.of(
        new PolicyCheck("inventory", "rds:mycomputer-inventory-db", "backup-retention-days", "30", "7",
            PolicyAction.CHANGED, "30", null),
        new PolicyCheck("inventory", "rds:mycomputer-inventory-db", "preferred-backup-window", "03:00-04:00",
            "22:00-22:30", PolicyAction.FAILED, null, "RDS refused it: overlaps sun:03:15-sun:04:15"));
    BackupPolicyResult result = new BackupPolicyResult("apply", List.of("inventory"), checks, 0, 0, 1, 1,
        "1 of 2 checks FAILED; see their detail; changed 1 other setting(s)", List.of());

    assertEquals("""
        SERVICE    RESOURCE                     CHECK                    EXPECTED     FOUND        ACTION   NOW  NOTE
        inventory  rds:mycomputer-inventory-db  backup-retention-days    30           7            CHANGED  30   -
        inventory  rds:mycomputer-inventory-db  preferred-backup-window  03:00-04:00  22:00-22:30  FAILED   -    [1]

        [1] rds:mycomputer-inventory-db preferred-backup-window: RDS refused it: overlaps sun:03:15-sun:04:15

        Backup policy apply of inventory: 1 of 2 checks FAILED; see their detail; changed 1 other setting(s)
        """, BackupPolicyCommand.render(result));
  }
}
