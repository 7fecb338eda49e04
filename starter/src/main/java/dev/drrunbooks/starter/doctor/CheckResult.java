package dev.drrunbooks.starter.doctor;

/** One line of doctor's report. WARN does not fail the doctor; FAIL does. */
public record CheckResult(String name, Status status, String detail) {
  public enum Status {
    OK,
    WARN,
    FAIL
  }

  static CheckResult ok(String name, String detail) {
    return new CheckResult(name, Status.OK, detail);
  }

  static CheckResult warn(String name, String detail) {
    return new CheckResult(name, Status.WARN, detail);
  }

  static CheckResult fail(String name, String detail) {
    return new CheckResult(name, Status.FAIL, detail);
  }
}
