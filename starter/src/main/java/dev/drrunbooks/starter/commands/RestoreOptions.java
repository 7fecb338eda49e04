package dev.drrunbooks.starter.commands;

import picocli.CommandLine.Option;

/**
 * The options a restore into a new DB instance shares, point-in-time or from a snapshot: where it
 * goes, how RTO and RPO are measured, how long waiting may take, what is kept on failure. Each sets
 * a field of the run's input (so {@code --input} refuses them as it does the command's own).
 */
final class RestoreOptions {
  @Option(names = "--target-instance")
  String targetInstance;

  @Option(names = "--incident-time")
  String incidentTime;

  @Option(names = "--wait-budget")
  String waitBudget;

  @Option(names = "--keep-on-failure")
  Boolean keepOnFailure;

  @Option(names = "--instance-class")
  String instanceClass;
}
