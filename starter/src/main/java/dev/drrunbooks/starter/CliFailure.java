package dev.drrunbooks.starter;

/**
 * What a command could not do, as the one line an operator reads and the exit code scripts read;
 * the starter's exception handler prints it (with the stack trace only under --verbose).
 */
public final class CliFailure extends RuntimeException {
  private final int exitCode;

  public CliFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliFailure(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** One of {@link ExitCodes}. */
  public int exitCode() {
    return exitCode;
  }
}
