package dev.drrunbooks.starter.commands;

import picocli.CommandLine.Option;

/**
 * How long a run's approval gate waits, and what it does then (abort or proceed), as {@code dr
 * evacuate}, {@code dr failover} and {@code dr failback} take them; each left out is the catalog's
 * or the procedure's default.
 */
final class ApprovalTimeout {
  @Option(names = "--approval-timeout")
  String approvalTimeout;

  @Option(names = "--on-approval-timeout")
  String onTimeout;
}
