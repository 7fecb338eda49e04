package dev.drrunbooks.backupvalidation;

import dev.drrunbooks.catalog.ValidationQuery;
import dev.drrunbooks.payload.ServiceInput;
import java.util.List;

/**
 * The runbook's weekly backup test. {@code {"service": "inventory"}} restores the newest snapshot
 * into a validation instance, checks the data, and deletes the instance whatever happened.
 *
 * @param pick "newest" (default) or "random": a random available snapshot from the last {@code
 *     randomWithin}
 * @param randomWithin how far back "random" may reach (default 7d)
 * @param waitBudget how long the restore may take (default: the service's RTO)
 */
public record BackupValidationInput(
    String service,
    String pick,
    String randomWithin,
    String waitBudget,
    String instanceClass,
    List<ValidationQuery> validationQueries)
    implements ServiceInput {

  public static BackupValidationInput newest(String service) {
    return new BackupValidationInput(service, null, null, null, null, null);
  }
}
