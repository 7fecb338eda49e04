package dev.drrunbooks.starter.commands;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.runbook.Runbook;
import org.junit.jupiter.api.Test;

class CleanupKeepsNothingTest {
  @Test
  void everyProcedureSaidToKeepNothingIsOneOfTheRunbooks() {
    for (String key : CleanupCommand.KEEPS_NOTHING)
      assertTrue(Runbook.ofKey(key).isPresent(), key + " is not a procedure key");
  }

  @Test
  void recoveriesThatKeepTheirWorkAreNotAmongThem() {
    for (String key :
        java.util.List.of("pitr", "snapshot-restore", "ecs-recovery", "standby-instantiate"))
      assertTrue(!CleanupCommand.KEEPS_NOTHING.contains(key), key);
  }
}
