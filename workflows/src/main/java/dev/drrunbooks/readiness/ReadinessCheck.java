package dev.drrunbooks.readiness;

/**
 * One check of what a service's recovery will need, as the ledger records it.
 *
 * @param service the catalog service
 * @param check what was checked, e.g. {@code recovery point in eu-central-1}
 * @param expected what recovery needs, e.g. {@code within RPO 15m}
 * @param found what was found, e.g. {@code 4m old (automated backups replicated from eu-west-1)}
 */
public record ReadinessCheck(
    String service, String check, String expected, String found, CheckVerdict verdict) {

  static ReadinessCheck of(
      String service, String check, String expected, String found, boolean passes) {
    return new ReadinessCheck(
        service, check, expected, found, passes ? CheckVerdict.PASS : CheckVerdict.FAIL);
  }

  static ReadinessCheck unknown(String service, String check, String expected, String why) {
    return new ReadinessCheck(service, check, expected, why, CheckVerdict.UNKNOWN);
  }

  /** Whether the service is not ready for it. */
  public boolean failing() {
    return verdict != CheckVerdict.PASS;
  }
}
