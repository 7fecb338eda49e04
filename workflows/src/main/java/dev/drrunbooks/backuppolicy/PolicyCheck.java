package dev.drrunbooks.backuppolicy;

/**
 * One line of the policy report: expected, found, action taken and, after a change, what AWS
 * reports.
 */
public record PolicyCheck(
    String service,
    String resource,
    String check,
    String expected,
    String found,
    PolicyAction action,
    String after,
    String detail) {

  /** An audited check: compliant, or off policy until a change says otherwise. */
  static PolicyCheck audited(
      String service, String resource, String check, String expected, String found) {
    PolicyAction action = expected.equals(found) ? PolicyAction.COMPLIANT : PolicyAction.OFF_POLICY;
    return new PolicyCheck(service, resource, check, expected, found, action, null, null);
  }

  static PolicyCheck unreadable(
      String service, String resource, String check, String expected, String why) {
    return new PolicyCheck(
        service, resource, check, expected, "unknown", PolicyAction.FAILED, null, why);
  }

  boolean offPolicy() {
    return !expected.equals(found);
  }

  PolicyCheck changedTo(String now) {
    boolean fixed = expected.equals(now);
    return new PolicyCheck(
        service,
        resource,
        check,
        expected,
        found,
        fixed ? PolicyAction.CHANGED : PolicyAction.FAILED,
        now,
        fixed ? null : "AWS accepted the change but reports " + now);
  }

  /** The same check with a note for the operator, e.g. why an apply would be refused. */
  PolicyCheck withDetail(String note) {
    return new PolicyCheck(service, resource, check, expected, found, action, after, note);
  }

  PolicyCheck failed(String why) {
    return new PolicyCheck(
        service, resource, check, expected, found, PolicyAction.FAILED, null, why);
  }
}
