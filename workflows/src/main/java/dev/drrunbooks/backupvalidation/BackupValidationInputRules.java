package dev.drrunbooks.backupvalidation;

import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.InputRules;
import dev.drrunbooks.model.Inputs;
import dev.drrunbooks.restore.SnapshotPick;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What a backup validation refuses in its input before it does anything. */
public final class BackupValidationInputRules implements InputRules<BackupValidationInput> {
  @Override
  public void checkInput(BackupValidationInput in, Instant now) {
    Inputs.serviceKey("service", in.service(), false);
    SnapshotPick.parse("pick", in.pick());
    Inputs.duration("randomWithin", in.randomWithin(), Duration.ofDays(7));
    Inputs.duration("waitBudget", in.waitBudget(), null);
  }

  @Override
  public List<String> services(BackupValidationInput in) {
    return InputRules.key(in.service());
  }

  @Override
  public void checkServices(BackupValidationInput in, List<ServiceDefinition> services) {
    InputRules.requireDatabase("service", services.get(0));
  }
}
