package dev.drrunbooks.starter.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.drrunbooks.starter.DrCli;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** A group's verbs are its nested commands, in the order its line names them; nothing else. */
class CommandGroupTest {
  @Command(name = "group")
  static final class Group extends CommandGroup {
    Group(String verbs) {
      super(verbs);
    }

    @Command(name = "first")
    static final class First implements Runnable {
      @Override
      public void run() {}
    }

    @Command(name = "second")
    static final class Second implements Runnable {
      @Override
      public void run() {}
    }

    /** Not a verb: no @Command. */
    record Shown(String what) {}
  }

  @Test
  void theVerbsComeInTheLinesOrder() {
    CommandLine line = new CommandLine(new Group("second first"));
    CommandGroup.addVerbs(line);
    assertEquals(List.of("second", "first"), List.copyOf(line.getSubcommands().keySet()));
  }

  @Test
  void aVerbTheLineNamesButTheGroupLacksIsRefused() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> CommandGroup.addVerbs(new CommandLine(new Group("first second third"))));
    assertEquals("Group has no verb third", e.getMessage());
  }

  @Test
  void aNestedCommandTheLineLeavesOutIsRefused() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> CommandGroup.addVerbs(new CommandLine(new Group("first"))));
    assertEquals("Group does not list its verbs [second]", e.getMessage());
  }

  @Test
  void drsGroupsHaveTheirVerbsInHelpsOrder() {
    CommandLine dr = DrCli.commandLine();
    assertEquals(
        List.of("open", "ack", "severity", "note", "recover", "verify", "resolve", "status"),
        List.copyOf(dr.getSubcommands().get("incident").getSubcommands().keySet()));
    assertEquals(
        List.of("apply", "list", "create", "update", "pause", "unpause", "trigger", "delete"),
        List.copyOf(dr.getSubcommands().get("schedules").getSubcommands().keySet()));
  }
}
