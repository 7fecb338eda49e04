package dev.drrunbooks.starter.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class AllServicesSwitchTest {
  @Test
  void validateBackupsWithAllRunsTheFleetsCommandWithTheOtherArguments() {
    assertArrayEquals(
        new String[] {"validate-backups-all", "--max-concurrent", "3", "--address", "h:7233"},
        AllServicesSwitch.route(
            "validate-backups", "--max-concurrent", "3", "--all", "--address", "h:7233"));
  }

  @Test
  void drillWithAllRunsTheFleetDrillsCommandWithTheOtherArguments() {
    assertArrayEquals(
        new String[] {"drill-all", "--services", "payments,inventory", "--max-per-region", "2"},
        AllServicesSwitch.route(
            "drill", "--all", "--services", "payments,inventory", "--max-per-region", "2"));
  }

  @Test
  void anythingElseIsLeftAsTyped() {
    String[] one = {"validate-backups", "--service", "inventory"};
    assertArrayEquals(one, AllServicesSwitch.route(one));
    String[] drill = {"drill", "--service", "inventory", "--service", "payments"};
    assertArrayEquals(drill, AllServicesSwitch.route(drill), "one drill of two services");
    String[] other = {"pitr", "--all"};
    assertArrayEquals(other, AllServicesSwitch.route(other));
    String[] value = {"list", "--procedure", "validate-backups", "--all"};
    assertArrayEquals(
        value, AllServicesSwitch.route(value), "an option's value is not the command");
    assertArrayEquals(
        new String[] {"--verbose", "validate-backups-all"},
        AllServicesSwitch.route("--verbose", "validate-backups", "--all"));
    String[] before = {"--all", "validate-backups"};
    assertArrayEquals(
        before, AllServicesSwitch.route(before), "--all before the command is not its");
  }
}
