package dev.drrunbooks.starter.commands;

import picocli.CommandLine.Option;

/**
 * The options a restore into a new DB instance shares, point-in-time or from a snapshot: where it
 * goes, how RTO and RPO are measured, how long waiting may take, what is kept on failure. Each sets
 * a field of the run's input (so {@code --input} refuses them as it does the command's own).
 */
final class RestoreOptions {
  @Option(names = "--target-instance", description = "Default: derived from the run id")
  String targetInstance;

  @Option(
      names = "--incident-time",
      description = "When the incident began: RTO and RPO are measured from it")
  String incidentTime;

  @Option(
      names = "--wait-budget",
      description = "How long waiting may take (default: the service's RTO)")
  String waitBudget;

  @Option(
      names = "--keep-on-failure",
      description =
          "Keep what the run created (the restored instance, a DR copy of the snapshot) for"
              + " forensics if a step fails")
  boolean keep;

  @Option(names = "--instance-class", description = "e.g. db.r6g.large (default: as the source)")
  String instanceClass;

  /** {@code --keep-on-failure} as the input holds it: true, or absent for the default. */
  Boolean keepOnFailure() {
    return keep ? Boolean.TRUE : null;
  }
}
