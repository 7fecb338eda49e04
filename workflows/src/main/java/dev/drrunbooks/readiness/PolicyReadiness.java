package dev.drrunbooks.readiness;

import dev.drrunbooks.backuppolicy.BackupPolicyResult;
import dev.drrunbooks.backuppolicy.PolicyAction;
import dev.drrunbooks.backuppolicy.PolicyCheck;
import java.util.List;

/**
 * The runbook's backup strategy as readiness checks: an audit's off-policy setting fails, a setting
 * it could not read is unknown.
 */
final class PolicyReadiness {
  private PolicyReadiness() {}

  static List<ReadinessCheck> of(String service, BackupPolicyResult audit) {
    return audit.checks().stream()
        .filter(c -> service.equals(c.service()))
        .map(PolicyReadiness::of)
        .toList();
  }

  private static ReadinessCheck of(PolicyCheck c) {
    CheckVerdict verdict =
        switch (c.action()) {
          case COMPLIANT, CHANGED -> CheckVerdict.PASS;
          case OFF_POLICY -> CheckVerdict.FAIL;
          case FAILED -> CheckVerdict.UNKNOWN;
        };
    String found = c.action() == PolicyAction.FAILED && c.detail() != null ? c.detail() : c.found();
    return new ReadinessCheck(
        c.service(),
        "backup policy: " + c.resource() + " " + c.check(),
        c.expected(),
        found,
        verdict);
  }
}
