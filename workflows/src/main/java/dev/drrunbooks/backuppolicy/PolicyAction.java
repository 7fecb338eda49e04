package dev.drrunbooks.backuppolicy;

/** What a run did about one check. */
public enum PolicyAction {
  /** Found as the policy says; nothing to do. */
  COMPLIANT,
  /** Off policy, and the run only audits: left as found. */
  OFF_POLICY,
  /** Off policy and changed by this run; {@code after} shows what AWS reports now. */
  CHANGED,
  /** The check or the change could not be made; {@code detail} says why. */
  FAILED
}
