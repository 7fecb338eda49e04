package dev.drrunbooks.starter;

import dev.drrunbooks.model.FailureType;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowException;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TerminatedFailure;
import io.temporal.failure.TimeoutFailure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A failure's whole cause chain as one readable line ("child run X failed: activity
 * restoreToPointInTime failed: RDS refused ..."), and the exit code its kind maps to. Temporal's
 * wrappers contribute only what they add (which child run, which activity), never their event ids;
 * a message repeated lower down is kept once.
 */
public final class FailureMessage {
  private FailureMessage() {}

  /** The cause chain in one line, outermost first. */
  public static String of(Throwable failure) {
    List<String> parts = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      String part = part(t);
      if (part == null || part.isBlank()) continue;
      String p = part.strip();
      if (parts.stream().anyMatch(earlier -> earlier.contains(p))) continue;
      parts.add(p);
    }
    return parts.isEmpty() ? failure.getClass().getSimpleName() : String.join(": ", parts);
  }

  /**
   * The exit code of a run that failed with this failure: {@link ExitCodes#BAD_INPUT} for an
   * InvalidInput, {@link ExitCodes#REFUSED} for AlreadyRunning, else {@link ExitCodes#RUN_FAILED}.
   */
  public static int exitCode(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof ApplicationFailure af) {
        if (FailureType.INVALID_INPUT.is(af)) return ExitCodes.BAD_INPUT;
        if (FailureType.ALREADY_RUNNING.is(af)) return ExitCodes.REFUSED;
      }
    }
    return ExitCodes.RUN_FAILED;
  }

  /** What one link of the chain adds; null when it adds nothing (the caller names the run). */
  private static String part(Throwable t) {
    if (t instanceof WorkflowException) return null;
    if (t instanceof ChildWorkflowFailure c)
      return "child run " + c.getExecution().getWorkflowId() + " failed";
    if (t instanceof ActivityFailure a) return "activity " + a.getActivityType() + " failed";
    if (t instanceof TimeoutFailure f) {
      return "timed out ("
          + f.getTimeoutType().name().replace("TIMEOUT_TYPE_", "").toLowerCase().replace('_', ' ')
          + ")";
    }
    if (t instanceof CanceledFailure) return "cancelled";
    if (t instanceof TerminatedFailure f) {
      return blank(f.getOriginalMessage()) ? "terminated" : "terminated: " + f.getOriginalMessage();
    }
    if (t instanceof ApplicationFailure af && blank(af.getOriginalMessage())) return af.getType();
    if (t instanceof TemporalFailure f) return f.getOriginalMessage();
    if (t instanceof StatusRuntimeException s) {
      return s.getStatus().getDescription() == null
          ? s.getStatus().getCode().name()
          : s.getStatus().getDescription();
    }
    return t.getMessage();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
