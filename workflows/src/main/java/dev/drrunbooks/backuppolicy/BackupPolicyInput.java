package dev.drrunbooks.backuppolicy;

import dev.drrunbooks.model.SelectsServices;
import dev.drrunbooks.payload.RunInput;

/**
 * What to check and whether to fix it. {@code {}} audits every service; {@code {"service":
 * "inventory", "apply": true}} enforces the policy on Inventory.
 */
public record BackupPolicyInput(String service, Boolean apply)
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
