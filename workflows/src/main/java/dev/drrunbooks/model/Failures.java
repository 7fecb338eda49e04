package dev.drrunbooks.model;

import io.temporal.failure.ApplicationFailure;

/** Turns Temporal's failure chains into the one message an operator needs. */
public final class Failures {
  private Failures() {}

  /** The innermost cause's message: "RDS instance 'x' not found in eu-west-1", not "Activity task failed". */
  public static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    String message = t instanceof ApplicationFailure af ? af.getOriginalMessage() : t.getMessage();
    return message == null ? t.getClass().getSimpleName() : message;
  }
}
