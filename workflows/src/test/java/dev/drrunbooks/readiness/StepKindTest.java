package dev.drrunbooks.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Step names as the procedures write them, and what each predicts. */
class StepKindTest {
  @Test
  void theProceduresStepNamesAreClassified() {
    assertEquals(
        Optional.of(StepKind.RDS_RESTORE), StepKind.of("wait until pitr-inventory-1 is available"));
    assertEquals(
        Optional.of(StepKind.SNAPSHOT_COPY),
        StepKind.of("wait until snapshot dr-copy-1 is available"));
    assertEquals(Optional.of(StepKind.DNS_SHIFT), StepKind.of("shift 50% to secondary"));
    assertEquals(
        Optional.of(StepKind.RDS_PROMOTION),
        StepKind.of("wait until mycomputer-payments-db-replica accepts writes"));
    assertEquals(
        Optional.of(StepKind.POINTER_MOVE),
        StepKind.of("wait until the pointer's change is INSYNC"));
    assertEquals(
        Optional.of(StepKind.ECS_STEADY), StepKind.of("wait until inventory-api is steady"));
    assertEquals(
        Optional.of(StepKind.ECS_STEADY),
        StepKind.of("inventory: wait until inventory-api is steady on inventory-api:7"));
    assertEquals(Optional.of(StepKind.APPROVAL), StepKind.of("approval: switch-traffic"));
    assertEquals(Optional.of(StepKind.REPLAY), StepKind.of("replay into recover-data-1"));
  }

  @Test
  void otherStepsPredictNothing() {
    assertEquals(Optional.empty(), StepKind.of("read back weights"));
    assertEquals(Optional.empty(), StepKind.of("restore snap-1 as x in eu-west-1"));
    assertEquals(Optional.empty(), StepKind.of("approval counted: switch-traffic"));
    assertEquals(Optional.empty(), StepKind.of(null));
  }
}
