package dev.drrunbooks.standby;

import dev.drrunbooks.model.SelectsServices;
import dev.drrunbooks.payload.RunInput;

/**
 * What to check and whether to create what is missing. {@code {}} audits the standby of every
 * service whose catalog recovery strategy is {@code replica}; {@code {"service": "payments",
 * "apply": true}} creates Payments' replica if it has none.
 *
 * @param service a catalog key; blank or "all": every service whose strategy is replica
 * @param apply create a missing replica (default: audit only, change nothing)
 * @param waitBudget how long an apply waits for a new replica to be available and replicating, e.g.
 *     90m (default {@code 60m}; RDS copies the whole source first, so large databases take longer)
 */
public record StandbyInstantiateInput(String service, Boolean apply, String waitBudget)
    implements RunInput, SelectsServices {

  public static final String ALL = "all";

  /** The catalog key, or "all" when none was given. */
  @Override
  public String selector() {
    return service == null || service.isBlank() ? ALL : service.trim();
  }

  public boolean applyChanges() {
    return Boolean.TRUE.equals(apply);
  }
}
