package dev.drrunbooks.pitr;

import dev.drrunbooks.activities.rds.CopyPurpose;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.InputRules;
import dev.drrunbooks.model.Inputs;
import java.time.Instant;
import java.util.List;

/** What a point-in-time restore refuses in its input before it does anything. */
public final class PointInTimeRestoreInputRules implements InputRules<PointInTimeRestoreInput> {
  @Override
  public void checkInput(PointInTimeRestoreInput in, Instant now) {
    Inputs.serviceKey("service", in.service(), false);
    Inputs.rdsIdentifier("sourceInstance", in.sourceInstance());
    if (!latest(in.restoreTime())) Inputs.instant("restoreTime", in.restoreTime());
    Inputs.instant("incidentTime", in.incidentTime());
    CopyPurpose.parse("purpose", in.purpose());
    Inputs.rdsIdentifier("targetInstance", in.targetInstance());
    RestoreRegion.check("region", in.region());
    Inputs.duration("waitBudget", in.waitBudget(), null);
    Inputs.securityGroupIds("securityGroupIds", in.securityGroupIds());
  }

  @Override
  public List<String> services(PointInTimeRestoreInput in) {
    return InputRules.key(in.service());
  }

  @Override
  public void checkServices(PointInTimeRestoreInput in, List<ServiceDefinition> services) {
    ServiceDefinition service = services.get(0);
    InputRules.requireDatabase("service", service);
    RestoreRegion.resolve("region", in.region(), service.regions());
    if (in.targetInstance() != null && !in.targetInstance().isBlank())
      differentTarget(source(in, service), in.targetInstance().trim());
  }

  /** {@code restoreTime} asks for the latest restorable time: absent, blank or {@code latest}. */
  static boolean latest(String restoreTime) {
    return restoreTime == null
        || restoreTime.isBlank()
        || "latest".equalsIgnoreCase(restoreTime.trim());
  }

  /** The instance restored from: {@code sourceInstance}, else the catalog's. */
  static String source(PointInTimeRestoreInput in, ServiceDefinition service) {
    String override = Inputs.rdsIdentifier("sourceInstance", in.sourceInstance());
    return override != null ? override : service.spec().database().instance();
  }

  /** A restore never goes into its own source. */
  static void differentTarget(String source, String target) {
    if (source.equals(target))
      throw Inputs.invalid("targetInstance", target, "must differ from the source instance");
  }
}
