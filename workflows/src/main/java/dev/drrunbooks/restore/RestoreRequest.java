package dev.drrunbooks.restore;

import dev.drrunbooks.catalog.ValidationQuery;
import dev.drrunbooks.payload.ServiceInput;
import java.util.List;

/**
 * The fields every restore into a new DB instance takes (point-in-time or from a snapshot), read by
 * {@link RestoreSteps#begin(String, RestoreRequest, dev.drrunbooks.model.InputRules,
 * java.time.Instant, String)}. Accessors only, so the input records' payloads are unchanged.
 */
public interface RestoreRequest extends ServiceInput {
  /** The restored instance's identifier; null or blank: derived from the run id. */
  String targetInstance();

  /** When the incident began (ISO-8601): RTO and RPO are measured from it; null: from the start. */
  String incidentTime();

  /** How long waiting may take in all (e.g. {@code 45m}); null: the service's RTO. */
  String waitBudget();

  /** The data checks of the restored copy; null: the catalog's for the service. */
  List<ValidationQuery> validationQueries();

  /** {@code recovery} (default) or {@code validation}, as {@code CopyPurpose} reads it. */
  String purpose();
}
