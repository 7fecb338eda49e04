package dev.drrunbooks.starter.schedules;

import dev.drrunbooks.starter.ExitCodes;

/**
 * A schedules command that cannot do what was asked, with the message an operator needs and the
 * exit code.
 */
public final class ScheduleCommandException extends RuntimeException {
  /** The name is neither a catalog schedule nor one of ours on the server: bad input. */
  public static final int UNKNOWN = ExitCodes.BAD_INPUT;

  /** The schedule exists but is not ours, already exists, or a run is still going. */
  public static final int REFUSED = ExitCodes.REFUSED;

  private final int exitCode;

  public ScheduleCommandException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
