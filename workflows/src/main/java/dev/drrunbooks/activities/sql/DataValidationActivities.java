package dev.drrunbooks.activities.sql;

import dev.drrunbooks.catalog.ValidationQuery;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/** Read-only checks of restored data. */
@ActivityInterface(namePrefix = "Data")
public interface DataValidationActivities {

  /**
   * Runs each query in a READ ONLY transaction with a statement timeout on {@code target}, and on
   * {@code source} (may be null) for expectations relative to the source. Never fails for a check
   * that does not pass: the report carries the evidence; fails only when a database cannot be
   * reached.
   */
  ValidationReport validate(
      DatabaseTarget target, DatabaseTarget source, List<ValidationQuery> queries);
}
