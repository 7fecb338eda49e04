package dev.drrunbooks.starter.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.starter.ExitCodes;
import dev.drrunbooks.starter.e2e.CliRun;
import org.junit.jupiter.api.Test;

class CleanupCommandHelpTest {
  @Test
  void helpNamesTheRunTheDryRunDefaultAndApply() {
    CliRun run = CliRun.of(new String[0], "cleanup", "--help");
    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().contains("WORKFLOW_ID"), run.toString());
    assertTrue(run.out().contains("--apply"), run.toString());
    assertTrue(run.out().contains("--region"), run.toString());
  }

  @Test
  void withoutARunIdItIsAUsageError() {
    CliRun run = CliRun.of(new String[0], "cleanup");
    assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.toString());
    assertTrue(run.err().contains("WORKFLOW_ID"), run.toString());
  }
}
