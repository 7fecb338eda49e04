package dev.drrunbooks.report;

import dev.drrunbooks.catalog.Objectives;
import java.util.function.Function;

/**
 * What a mapping knows besides the result: the run's workflow id, the procedure tag the run gave
 * itself (a DNS run tags itself {@code dns-failback}), the link to the run in the Temporal UI, and
 * the catalog's objectives of a service for results that do not carry them.
 *
 * @param taggedProcedure the run's DrProcedure search attribute; null when unknown
 * @param runLink the run's page in the Temporal UI; null when the UI's address is unknown
 * @param objectivesOf a service key to its catalog objectives; answers null when unknown, never
 *     throws
 */
public record ReportContext(
    String workflowId,
    String taggedProcedure,
    String runLink,
    Function<String, Objectives> objectivesOf) {

  public ReportContext {
    objectivesOf = objectivesOf == null ? service -> null : objectivesOf;
  }

  /**
   * A context with only the workflow id: no tag, no link, no catalog (the drill writing its own
   * report).
   */
  public static ReportContext of(String workflowId) {
    return new ReportContext(workflowId, null, null, null);
  }

  public Objectives objectives(String service) {
    return service == null ? null : objectivesOf.apply(service);
  }
}
