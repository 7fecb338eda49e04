package dev.drrunbooks.bootstrap.catalog;

import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.ScheduleSpec;
import dev.drrunbooks.fleet.FleetDrillInput;
import dev.drrunbooks.fleet.FleetDrillWorkflowImpl;
import dev.drrunbooks.fleet.FleetValidationInput;
import dev.drrunbooks.fleet.FleetValidationWorkflowImpl;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;

/**
 * A {@code fleet-validation} or {@code fleet-drill} schedule checked by the fleet's own input
 * rules: the input its runs will start with ({@link FleetValidationInput#scheduled}, {@link
 * FleetDrillInput#scheduled}) must pass {@link FleetValidationWorkflowImpl#RULES} or {@link
 * FleetDrillWorkflowImpl#RULES} against this catalog, so the catalog refuses what every run the
 * schedule starts would refuse (an unknown service, limits out of range, a bad pick or wait budget)
 * when it is loaded, not on Sunday night.
 */
final class FleetScheduleRules {
  private FleetScheduleRules() {}

  /**
   * What the fleet refuses in the schedule {@code at} ({@code schedules.<key>}), as one problem at
   * the schedule's field of the same name ({@code schedules.<key>.services}: "'x' is not valid;
   * allowed: ..."); empty when a run would start, or when another problem of the catalog leaves its
   * services without definitions to check.
   */
  static Optional<CatalogException.Problem> problem(String at, ScheduleSpec s, Catalog catalog) {
    try {
      if (ScheduleSpec.FLEET_DRILL.equals(s.procedure()))
        FleetDrillWorkflowImpl.RULES.checkStart(FleetDrillInput.scheduled(s), null, catalog);
      else
        FleetValidationWorkflowImpl.RULES.checkStart(
            FleetValidationInput.scheduled(s), null, catalog);
      return Optional.empty();
    } catch (ApplicationFailure refused) {
      return Optional.of(atField(at, refused.getOriginalMessage()));
    } catch (NullPointerException | IllegalArgumentException unresolvable) {
      // A reference broken elsewhere (a service naming an undefined bucket) leaves a service
      // without a definition to check against: that problem is reported at its own path, and this
      // schedule is checked once it is fixed.
      return Optional.empty();
    }
  }

  /**
   * The input rules' "field: message" (model.Inputs#invalid) as a problem at that schedule field:
   * the schedule's fields are named like the fleet input's.
   */
  static CatalogException.Problem atField(String at, String message) {
    int colon = message.indexOf(": ");
    if (colon <= 0) return new CatalogException.Problem(at, message);
    return new CatalogException.Problem(
        at + "." + message.substring(0, colon), message.substring(colon + 2));
  }
}
