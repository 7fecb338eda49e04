package dev.drrunbooks.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.catalog.FailoverPolicy;
import dev.drrunbooks.catalog.GateDefault;
import dev.drrunbooks.catalog.ServiceSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a service's recovery waits on, from its catalog entry. */
class RecoveryPathTest {
  private static final Catalog CATALOG = CatalogFixture.load();

  @Test
  void paymentsWaitsOnItsStandbysGatePromotionAndPointerThenItsServiceAndOneShift() {
    assertEquals(
        List.of(
            StepKind.APPROVAL,
            StepKind.RDS_PROMOTION,
            StepKind.POINTER_MOVE,
            StepKind.ECS_STEADY,
            StepKind.DNS_SHIFT),
        RecoveryPath.of(CATALOG.services().get("payments")).steps(),
        "one gate: the standby's covers the traffic switch");
  }

  @Test
  void inventoryRestoresItsDatabaseThenWaitsOnItsServiceTheApprovalAndThreeShifts() {
    assertEquals(
        List.of(
            StepKind.RDS_RESTORE,
            StepKind.ECS_STEADY,
            StepKind.APPROVAL,
            StepKind.DNS_SHIFT,
            StepKind.DNS_SHIFT,
            StepKind.DNS_SHIFT),
        RecoveryPath.of(CATALOG.services().get("inventory")).steps());
  }

  @Test
  void eachStageIsAShiftAndAPolicyWithoutApprovalHasNoGate() {
    ServiceSpec payments = CATALOG.services().get("payments");
    ServiceSpec staged =
        new ServiceSpec(
            payments.displayName(),
            payments.priority(),
            payments.objectives(),
            payments.dependsOn(),
            null,
            null,
            payments.dns(),
            payments.buckets(),
            payments.healthEndpoint(),
            payments.drillHealthUrl(),
            payments.validationQueries(),
            new FailoverPolicy(
                false, Duration.ofMinutes(5), GateDefault.ABORT, List.of(10, 50, 100)),
            payments.approval(),
            payments.accountId(),
            payments.recovery());
    assertEquals(
        List.of(StepKind.DNS_SHIFT, StepKind.DNS_SHIFT, StepKind.DNS_SHIFT),
        RecoveryPath.of(staged).steps());
  }
}
