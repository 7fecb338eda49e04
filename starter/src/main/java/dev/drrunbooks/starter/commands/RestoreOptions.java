package dev.drrunbooks.starter.commands;

/**
 * The flags a restore into a new DB instance shares, point-in-time or from a snapshot: where it
 * goes, how RTO and RPO are measured, how long waiting may take, what is kept on failure. Each sets
 * a field of the run's input (so {@code --input} refuses them as it does the command's own).
 */
final class RestoreOptions {
  /** As {@link dev.drrunbooks.starter.FlagInput.Declared#flags()} takes them. */
  static final String FLAGS =
      "--target-instance --incident-time --wait-budget --keep-on-failure --instance-class";

  private RestoreOptions() {}
}
