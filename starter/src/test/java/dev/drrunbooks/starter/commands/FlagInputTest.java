package dev.drrunbooks.starter.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.datarecovery.CorruptedDataRecoveryInput;
import dev.drrunbooks.ecsrecovery.EcsRecoveryInput;
import dev.drrunbooks.fleet.FleetValidationInput;
import dev.drrunbooks.payload.RunInput;
import dev.drrunbooks.pitr.PointInTimeRestoreInput;
import dev.drrunbooks.snapshotrestore.SnapshotRestoreInput;
import dev.drrunbooks.starter.DrCli;
import dev.drrunbooks.starter.FlagInput;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Flags become the run's input by name: one name per field from the flag to the workflow. */
class FlagInputTest {

  /** Parses {@code args} under {@code dr <command>} and returns the input its flags describe. */
  private static RunInput input(String command, String... args) {
    CommandLine dr = DrCli.commandLine();
    String[] line = new String[args.length + 1];
    line[0] = command;
    System.arraycopy(args, 0, line, 1, args.length);
    dr.parseArgs(line);
    return ((RunCommand<?, ?>) dr.getSubcommands().get(command).getCommand()).fromFlags();
  }

  @Test
  void everyProcedureCommandsOptionsNameFieldsOfItsInput() {
    // The check covers every option, given or not: one run per command finds a field that is not
    // the input's.
    int commands = 0;
    for (Map.Entry<String, CommandLine> c : DrCli.commandLine().getSubcommands().entrySet()) {
      if (!(c.getValue().getCommand() instanceof RunCommand<?, ?>)) continue;
      assertTrue(input(c.getKey()) != null, c.getKey());
      commands++;
    }
    assertTrue(commands >= 7, "found the procedure commands: " + commands);
  }

  @Test
  void aPointInTimeRestoresFlagsAndItsRestoreOptionsReachTheirFields() {
    PointInTimeRestoreInput in =
        (PointInTimeRestoreInput)
            input(
                "pitr",
                "--service",
                "inventory",
                "--restore-time",
                "2026-12-01T10:00:00Z",
                "--subnet-group",
                "dr-subnets",
                "--security-group-ids",
                "sg-1,sg-2",
                "--parameter-group",
                "pg",
                "--keep-on-failure",
                "--target-instance",
                "inv-copy",
                "--region",
                "dr");
    assertEquals("inventory", in.service());
    assertEquals("2026-12-01T10:00:00Z", in.restoreTime());
    assertEquals("dr-subnets", in.dbSubnetGroup());
    assertEquals(List.of("sg-1", "sg-2"), in.securityGroupIds());
    assertEquals("pg", in.dbParameterGroup());
    assertEquals(Boolean.TRUE, in.keepOnFailure());
    assertEquals("inv-copy", in.targetInstance());
    assertEquals("dr", in.region());
    assertNull(in.waitBudget(), "a flag not given sets nothing");
    assertNull(in.purpose());
  }

  /**
   * A new user's {@code --services ,} became no selection, which means every service: given with
   * nothing in it, it reaches the input as one blank entry, which the fleet's rules refuse.
   */
  @Test
  void aListFlagGivenEmptyIsNotTheSameAsLeftOut() {
    FleetValidationInput left = (FleetValidationInput) input("validate-backups-all");
    assertNull(left.services());
    for (String nothing : new String[] {",", ""})
      assertEquals(
          List.of(""),
          ((FleetValidationInput) input("validate-backups-all", "--services", nothing)).services(),
          "'" + nothing + "'");
    assertEquals(
        List.of("inventory", "payments"),
        ((FleetValidationInput) input("validate-backups-all", "--services", "inventory,payments"))
            .services());
  }

  @Test
  void aSwitchNotGivenLeavesItsFieldAbsent() {
    SnapshotRestoreInput plain = (SnapshotRestoreInput) input("restore-snapshot", "--service", "x");
    assertNull(plain.copyToDrRegion());
    assertNull(plain.allowOtherSource());
    assertNull(plain.keepOnFailure());
    SnapshotRestoreInput copied =
        (SnapshotRestoreInput)
            input("restore-snapshot", "--service", "x", "--copy-to-dr", "--allow-other-source");
    assertEquals(Boolean.TRUE, copied.copyToDrRegion());
    assertEquals(Boolean.TRUE, copied.allowOtherSource());
  }

  @Command(name = "broken")
  static final class Misnamed {
    @Option(names = "--restore-time")
    String restoreAt;
  }

  @Test
  void anOptionWhoseFieldTheInputLacksIsRefusedNamingBoth() {
    CommandLine broken = new CommandLine(new Misnamed());
    broken.parseArgs("--restore-time", "latest");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> FlagInput.read(broken.getCommandSpec(), PointInTimeRestoreInput.class, Set.of()));
    assertEquals(
        "--restore-time sets restoreAt, which "
            + PointInTimeRestoreInput.class.getName()
            + " lacks",
        e.getMessage());
  }

  @Command(name = "declared")
  static final class DeclaredMisnamed implements FlagInput.Declared {
    @Override
    public Class<PointInTimeRestoreInput> inputType() {
      return PointInTimeRestoreInput.class;
    }

    @Override
    public String flags() {
      return "--restore-time --restore-at";
    }
  }

  @Test
  void aDeclaredFlagWhoseFieldTheInputLacksIsRefusedNamingBoth() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> FlagInput.declareAll(new CommandLine(new DeclaredMisnamed())));
    assertEquals(
        "--restore-at sets restoreAt, which " + PointInTimeRestoreInput.class.getName() + " lacks",
        e.getMessage());
  }

  @Test
  void declaredFlagsTakeTheirFieldsTypesAndAMixinsOptionsStillCount() {
    CorruptedDataRecoveryInput data =
        (CorruptedDataRecoveryInput)
            input("recover-data", "--service", "x", "--batch-size", "50", "--search-since", "P1D");
    assertEquals(50, data.batchSize());
    assertEquals("P1D", data.searchSince());
    EcsRecoveryInput ecs =
        (EcsRecoveryInput)
            input(
                "recover-ecs",
                "--service",
                "x",
                "--desired-count",
                "3",
                "--cluster",
                "c",
                "--region",
                "dr");
    assertEquals(3, ecs.desiredCount());
    assertEquals("c", ecs.cluster());
    assertEquals("dr", ecs.region());
    assertNull(ecs.waitBudget());
  }

  @Test
  void aFlagIsNamedAfterItsFieldInCamelCase() {
    assertEquals("randomWithin", FlagInput.camelCase("--random-within"));
    assertEquals("pick", FlagInput.camelCase("--pick"));
  }
}
