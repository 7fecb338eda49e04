package dev.drrunbooks.gateway;

import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.gateway.http.Endpoint;
import dev.drrunbooks.gateway.http.GenericEndpoint;
import dev.drrunbooks.gateway.http.SlackEndpoint;
import dev.drrunbooks.gateway.pagerduty.PagerDutyEndpoint;
import dev.drrunbooks.gateway.pagerduty.PagerDutyServices;
import dev.drrunbooks.gateway.sns.AlarmTriggers;
import dev.drrunbooks.gateway.sns.CertificateSource;
import dev.drrunbooks.gateway.sns.SnsEndpoint;
import dev.drrunbooks.gateway.sns.SnsHosts;
import dev.drrunbooks.gateway.sns.SnsSignature;
import dev.drrunbooks.gateway.sns.SubscriptionConfirmer;
import dev.drrunbooks.gateway.steer.Approvers;
import dev.drrunbooks.gateway.steer.CommandRunner;
import dev.drrunbooks.gateway.steer.RunSteering;
import dev.drrunbooks.gateway.verify.FreshTimestamp;
import dev.drrunbooks.gateway.verify.GenericSignature;
import dev.drrunbooks.gateway.verify.PagerDutySignature;
import dev.drrunbooks.gateway.verify.ReplayGuard;
import dev.drrunbooks.gateway.verify.Secret;
import dev.drrunbooks.gateway.verify.SlackSignature;
import dev.drrunbooks.reporting.RunLinks;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Puts the gateway together from its environment: a channel is served only when its secret is set
 * (DR_GATEWAY_SHARED_SECRET: {@code /v1/generic}; DR_GATEWAY_SLACK_SIGNING_SECRET: {@code
 * /slack/commands}, {@code /slack/actions}; DR_GATEWAY_PAGERDUTY_SECRET: {@code /pagerduty}); SNS
 * ({@code /sns}) needs no secret (the certificate vouches) but is served only when
 * DR_GATEWAY_ALARMS maps an alarm. One replay store serves all channels (keys carry the channel).
 */
public final class Gateway {
  public static final String SHARED_SECRET = "DR_GATEWAY_SHARED_SECRET";
  public static final String SLACK_SECRET = "DR_GATEWAY_SLACK_SIGNING_SECRET";
  public static final String PAGERDUTY_SECRET = "DR_GATEWAY_PAGERDUTY_SECRET";

  /** Live nonces and signatures remembered at most (see {@link ReplayGuard}). */
  static final int REPLAY_CAPACITY = 10_000;

  /** Twice the timestamp window: a request is refused as stale before it is forgotten. */
  static final Duration REPLAY_TTL = FreshTimestamp.WINDOW.multipliedBy(2);

  private Gateway() {}

  /** What the gateway reaches beyond its environment; tests give their own certificates. */
  public record Parts(
      WorkflowClient client,
      String taskQueue,
      Catalog catalog,
      Clock clock,
      CertificateSource certificates,
      SubscriptionConfirmer confirmer,
      UnaryOperator<String> secretsByArn) {}

  /**
   * @return path to endpoint, for the channels the environment enables
   * @throws IllegalArgumentException when a mapping (PagerDuty services, alarms) does not fit the
   *     catalog
   */
  public static Map<String, Endpoint> routes(Map<String, String> env, Parts parts) {
    FreshTimestamp fresh = new FreshTimestamp(parts.clock());
    ReplayGuard replays = new ReplayGuard(REPLAY_CAPACITY, REPLAY_TTL, parts.clock());
    RunSteering steering =
        new RunSteering(parts.client(), parts.taskQueue(), RunLinks.fromEnvironment(env));
    CommandRunner runner = new CommandRunner(steering, Approvers.fromEnv(env));
    Map<String, Endpoint> routes = new LinkedHashMap<>();
    Secret.fromEnv(env, SHARED_SECRET, parts.secretsByArn())
        .ifPresent(
            s ->
                routes.put(
                    "/v1/generic",
                    new GenericEndpoint(new GenericSignature(s, fresh, replays), runner)));
    Secret.fromEnv(env, SLACK_SECRET, parts.secretsByArn())
        .ifPresent(
            s -> {
              SlackEndpoint slack =
                  new SlackEndpoint(new SlackSignature(s, fresh, replays), runner);
              routes.put("/slack/commands", slack::command);
              routes.put("/slack/actions", slack::action);
            });
    PagerDutyServices pd = PagerDutyServices.parse(env.get(PagerDutyServices.ENV), parts.catalog());
    Secret.fromEnv(env, PAGERDUTY_SECRET, parts.secretsByArn())
        .ifPresent(
            s ->
                routes.put(
                    "/pagerduty",
                    new PagerDutyEndpoint(
                        new PagerDutySignature(s), replays, pd, steering, runner)));
    String alarms = env.get(AlarmTriggers.ENV);
    if (alarms != null && !alarms.isBlank())
      routes.put(
          "/sns",
          new SnsEndpoint(
              new SnsSignature(parts.certificates(), SnsHosts.DEFAULT),
              SnsHosts.DEFAULT,
              parts.confirmer(),
              replays,
              AlarmTriggers.parse(alarms, parts.catalog()),
              steering,
              parts.clock()));
    return routes;
  }
}
