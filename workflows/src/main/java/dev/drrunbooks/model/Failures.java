package dev.drrunbooks.model;

import io.temporal.failure.ApplicationFailure;

/** Turns Temporal's failure chains into the one message an operator needs. */
public final class Failures {
  private Failures() {}

  /**
   * The type of the innermost ApplicationFailure in the chain (FailureType.NOT_OWNED.type(),
   * FailureType.INVALID_INPUT.type()), or null.
   */
  public static String rootType(Throwable e) {
    String type = null;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ApplicationFailure af) type = af.getType();
    }
    return type;
  }

  /**
   * The innermost cause's message: "RDS instance 'x' not found in eu-west-1", not "Activity task
   * failed".
   */
  public static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    String message = t instanceof ApplicationFailure af ? af.getOriginalMessage() : t.getMessage();
    return message == null ? t.getClass().getSimpleName() : message;
  }

  /** Whether the chain holds a cancellation (a child run or activity that was cancelled). */
  public static boolean cancelled(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof io.temporal.failure.CanceledFailure) return true;
    }
    return false;
  }
}
