package dev.drrunbooks.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.runbook.Procedure;
import dev.drrunbooks.runbook.Runbook;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every procedure in the registry can be started from the command line, under the command it names.
 */
class ProcedureCommandsTest {
  @Test
  void everyProcedureHasItsStarterCommand() {
    Set<String> commands = DrCli.commandLine().getSubcommands().keySet();
    List<String> missing =
        Runbook.procedures().stream()
            .map(Procedure::command)
            .filter(c -> !commands.contains(c))
            .toList();
    assertEquals(
        List.of(),
        missing,
        "no dr command of that name: write a <Name>Command (see ServiceRunCommand) and add it to"
            + " DrCli's subcommands");
  }

  @Test
  void theTopLevelHelpListsEveryProcedureFromTheRegistry() {
    java.io.StringWriter text = new java.io.StringWriter();
    CommandLine cli = DrCli.commandLine().setOut(new java.io.PrintWriter(text));
    assertEquals(0, cli.execute("--help"));
    for (Procedure<?, ?> p : Runbook.procedures()) {
      assertTrue(
          text.toString().contains(p.command())
              && text.toString().contains("(key " + p.key() + ")"),
          p.key() + " in\n" + text);
    }
  }

  @Test
  void eachCommandAnswersHelp() {
    for (Procedure<?, ?> p : Runbook.procedures()) {
      CommandLine command = DrCli.commandLine().getSubcommands().get(p.command());
      if (command == null) continue; // everyProcedureHasItsStarterCommand names it
      assertTrue(
          command.getCommandSpec().usageMessage().description().length > 0,
          p.command() + " has a description");
    }
  }
}
