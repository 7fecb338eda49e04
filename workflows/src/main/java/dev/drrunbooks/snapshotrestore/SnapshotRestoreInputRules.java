package dev.drrunbooks.snapshotrestore;

import dev.drrunbooks.activities.rds.CopyPurpose;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.InputRules;
import dev.drrunbooks.model.Inputs;
import java.time.Instant;
import java.util.List;

/** What a snapshot restore refuses in its input before it does anything. */
public final class SnapshotRestoreInputRules implements InputRules<SnapshotRestoreInput> {
  @Override
  public void checkInput(SnapshotRestoreInput in, Instant now) {
    Inputs.serviceKey("service", in.service(), false);
    Inputs.instant("incidentTime", in.incidentTime());
    CopyPurpose.parse("purpose", in.purpose());
    Inputs.rdsIdentifier("targetInstance", in.targetInstance());
    Inputs.duration("waitBudget", in.waitBudget(), null);
  }

  @Override
  public List<String> services(SnapshotRestoreInput in) {
    return InputRules.key(in.service());
  }

  @Override
  public void checkServices(SnapshotRestoreInput in, List<ServiceDefinition> services) {
    ServiceDefinition service = services.get(0);
    InputRules.requireDatabase("service", service);
    if (Boolean.TRUE.equals(in.copyToDrRegion())
        && (service.regions().dr() == null || service.regions().dr().isBlank()))
      throw Inputs.invalid(
          "copyToDrRegion", true, "the catalog has no regions.dr to copy the snapshot to");
  }
}
