package dev.drrunbooks.gateway.steer;

/**
 * One change a verified request asks of a run. {@code who} is the identity the channel verified,
 * prefixed by the channel ({@code slack:U0123}, {@code generic:chatops-bot}, {@code
 * pagerduty:PABC123}); where the request came from (a Slack channel) goes into {@code why}, so the
 * run's timeline says both.
 */
public sealed interface SteerCommand {
  /** The workflow id of the run to change. */
  String run();

  /** Approve the gate at {@code step} (the run's {@code approve} update). */
  record Approve(String run, String step, String who, String why) implements SteerCommand {}

  /** Abort at the gate {@code step} (the run's {@code abort} update). */
  record Abort(String run, String step, String who, String why) implements SteerCommand {}

  /** Take the incident (the incident's {@code acknowledge} update). */
  record Acknowledge(String run, String who, String why) implements SteerCommand {}

  /**
   * A note on the incident's timeline (the {@code note} update); {@code kind} as {@link
   * dev.drrunbooks.incident.IncidentNote}, null for a plain note.
   */
  record Note(String run, String who, String text, String kind) implements SteerCommand {}
}
