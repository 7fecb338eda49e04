package dev.drrunbooks.backuppolicy;

import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.InputRules;
import java.time.Instant;
import java.util.List;

/** What a backup policy audit or apply refuses in its input before it does anything. */
public final class BackupPolicyInputRules implements InputRules<BackupPolicyInput> {
  @Override
  public void checkInput(BackupPolicyInput in, Instant now) {
    InputRules.requireSelector(in.selector());
  }

  /** The service named, or {@value InputRules#ALL}. */
  @Override
  public List<String> services(BackupPolicyInput in) {
    return List.of(in.selector());
  }

  @Override
  public boolean takesAll() {
    return true;
  }

  /** Every catalog service has a database and buckets to check. */
  @Override
  public void checkServices(BackupPolicyInput in, List<ServiceDefinition> services) {
    services.forEach(s -> InputRules.requireDatabase("service", s));
  }
}
