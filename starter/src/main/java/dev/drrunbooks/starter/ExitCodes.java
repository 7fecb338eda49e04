package dev.drrunbooks.starter;

import picocli.CommandLine;

/**
 * The starter's exit codes, one per kind of outcome, so scripts and incident bots can tell them
 * apart. Documented in README.md (the starter section).
 */
public final class ExitCodes {
  /** The command did what was asked (a started run succeeded, or --no-wait and it started). */
  public static final int OK = 0;

  /** The run failed (or the command failed for a reason none of the codes below names). */
  public static final int RUN_FAILED = 1;

  /**
   * Bad input: a usage error, a bad --input file, a value the run refused as InvalidInput
   * (picocli's usage code), including an input that would weaken the catalog's approval policy,
   * --no-approval on dr failover, and a Temporal configuration that cannot be used.
   */
  public static final int BAD_INPUT = CommandLine.ExitCode.USAGE;

  /**
   * Refused: another run holds the one-at-a-time lock, the run's validator rejected an Update, the
   * run ended.
   */
  public static final int REFUSED = 3;

  /** No run with that id. */
  public static final int NOT_FOUND = 4;

  /** Cannot connect to Temporal. */
  public static final int CANNOT_CONNECT = 5;

  /**
   * The run completed, but its outcome is not a success: a drill that did not pass, an aborted
   * failover, ...
   */
  public static final int OUTCOME_NOT_SUCCESS = 6;

  private ExitCodes() {}
}
