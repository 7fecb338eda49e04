package dev.drrunbooks.backuppolicy;

import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.InputRules;
import dev.drrunbooks.model.SelectorInputRules;
import java.util.List;

/** What a backup policy audit or apply refuses in its input before it does anything. */
public final class BackupPolicyInputRules extends SelectorInputRules<BackupPolicyInput> {
  /** Every catalog service has a database and buckets to check. */
  @Override
  public void checkServices(BackupPolicyInput in, List<ServiceDefinition> services) {
    services.forEach(s -> InputRules.requireDatabase("service", s));
  }
}
