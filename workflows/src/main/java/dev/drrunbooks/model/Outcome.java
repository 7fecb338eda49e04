package dev.drrunbooks.model;

/** How a step ended. */
public enum Outcome {
  SUCCEEDED,
  FAILED,
  SKIPPED,
  COMPENSATED
}
