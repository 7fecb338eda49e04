package dev.drrunbooks.datarecovery;

import dev.drrunbooks.catalog.DataRecoverySpec;
import dev.drrunbooks.catalog.ServiceDefinition;
import dev.drrunbooks.model.InputRules;
import dev.drrunbooks.model.Inputs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What a corrupted-data recovery refuses in its input before it does anything. */
public final class CorruptedDataRecoveryInputRules
    implements InputRules<CorruptedDataRecoveryInput> {
  @Override
  public void checkInput(CorruptedDataRecoveryInput in, Instant now) {
    Inputs.serviceKey("service", in.service(), false);
    Instant corruption = Inputs.instant("corruptionTime", in.corruptionTime());
    // A corruption time in the future is a typo.
    if (now != null && corruption != null && corruption.isAfter(now)) {
      throw Inputs.invalid(
          "corruptionTime", in.corruptionTime(), "must not be in the future (now is " + now + ")");
    }
    Inputs.instant("searchSince", in.searchSince());
    Inputs.duration("approvalTimeout", in.approvalTimeout(), Duration.ofMinutes(30));
    batchSize(in.batchSize());
  }

  @Override
  public List<String> services(CorruptedDataRecoveryInput in) {
    return InputRules.key(in.service());
  }

  @Override
  public void checkServices(CorruptedDataRecoveryInput in, List<ServiceDefinition> services) {
    InputRules.requireDatabase("service", services.get(0));
    declared(services.get(0));
  }

  /** Transactions per replay batch: 500 when not given, else 1 to 10000. */
  static int batchSize(Integer batchSize) {
    int size = batchSize == null ? 500 : batchSize;
    if (size < 1 || size > 10_000) throw Inputs.invalid("batchSize", size, "between 1 and 10000");
    return size;
  }

  /**
   * The service's catalog {@code database.dataRecovery}: what is replayed and checked; a service
   * without one is refused.
   */
  static DataRecoverySpec declared(ServiceDefinition service) {
    DataRecoverySpec declared = service.spec().database().dataRecovery();
    if (declared == null) {
      throw Inputs.invalid(
          "service",
          service.key(),
          "a service whose catalog entry declares database.dataRecovery "
              + "(the ledger to replay, the balance it moves, the audit trail); "
              + service.key()
              + " declares none");
    }
    return declared;
  }
}
