package dev.drrunbooks.readiness;

/** What one readiness check found. */
public enum CheckVerdict {
  /** As recovery needs it. */
  PASS,
  /** Not as recovery needs it: the service is not ready. */
  FAIL,
  /** Could not be read (the call failed, or there is nothing to measure yet): not ready either. */
  UNKNOWN
}
