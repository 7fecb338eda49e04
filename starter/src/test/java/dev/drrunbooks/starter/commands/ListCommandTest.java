package dev.drrunbooks.starter.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.starter.DrCli;
import org.junit.jupiter.api.Test;

class ListCommandTest {
  @Test
  void tookIsShortAndNeverEmpty() {
    assertEquals("0s", ListCommand.took(0));
    assertEquals("45s", ListCommand.took(45));
    assertEquals("3m12s", ListCommand.took(192));
    assertEquals("1h5m", ListCommand.took(3900));
  }

  /** The help text lives in Help.properties, the limit here: they must say the same range. */
  @Test
  void theLimitsHelpNamesItsRange() {
    String help =
        String.join(
            " ",
            DrCli.commandLine()
                .getSubcommands()
                .get("list")
                .getCommandSpec()
                .findOption("--limit")
                .description());
    assertTrue(help.contains("(1 to " + ListCommand.MAX_LIMIT + ";"), help);
  }
}
