package dev.drrunbooks.gateway.e2e;

import dev.drrunbooks.aws.AwsClients;
import dev.drrunbooks.bootstrap.catalog.CatalogLoader;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.catalog.CatalogFixture;
import dev.drrunbooks.gateway.Gateway;
import dev.drrunbooks.gateway.TestCertificate;
import dev.drrunbooks.gateway.http.GatewayServer;
import dev.drrunbooks.gateway.verify.GenericSignature;
import dev.drrunbooks.gateway.verify.Secret;
import dev.drrunbooks.gateway.verify.SecretsManagerSecrets;
import dev.drrunbooks.gateway.verify.SlackSignature;
import dev.drrunbooks.testing.SandboxEnv;
import dev.drrunbooks.worker.DrWorker;
import dev.drrunbooks.worker.DrWorkerFactory;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The running gateway over HTTP on 127.0.0.1, against the sandbox's Temporal server, with a real
 * worker (registered as WorkerMain registers it, plus the gate probe) on a task queue of its own.
 * SNS certificates come from the test's own {@link TestCertificate} (the sandbox cannot reach AWS's
 * certificate host); subscription confirmations are recorded instead of visited.
 */
final class GatewayHarness implements AutoCloseable {
  // Made for this run; the gateway reads them from its environment as in production.
  static final String SHARED_VALUE = "shared-" + UUID.randomUUID();
  static final String SLACK_VALUE = "slack-" + UUID.randomUUID();
  static final String PAGERDUTY_VALUE = "pd-" + UUID.randomUUID();
  static final Secret SHARED = Secret.of(Gateway.SHARED_SECRET, SHARED_VALUE);
  static final Secret SLACK = Secret.of(Gateway.SLACK_SECRET, SLACK_VALUE);
  static final Secret PAGERDUTY = Secret.of(Gateway.PAGERDUTY_SECRET, PAGERDUTY_VALUE);
  static final String PD_SERVICE = "PINVENT";
  static final String ALARM = "inventory-api-5xx";

  final SandboxEnv env = SandboxEnv.get();
  final String taskQueue = "dr-gw-" + Long.toString(System.nanoTime(), 36);
  final TestCertificate cert = TestCertificate.generate();
  final List<URI> confirmed = new CopyOnWriteArrayList<>();
  private final StaticCredentialsProvider credentials =
      StaticCredentialsProvider.create(
          AwsBasicCredentials.create(
              env.require("AWS_ACCESS_KEY_ID"), env.require("AWS_SECRET_ACCESS_KEY")));
  private final AwsClients aws =
      new AwsClients(URI.create(env.require("AWS_ENDPOINT_URL")), credentials);
  private final WorkflowServiceStubs stubs =
      WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder()
              .setTarget(env.require("TEMPORAL_ADDRESS"))
              .build());
  private final WorkerFactory factory =
      DrWorkerFactory.create(stubs, env.get("TEMPORAL_NAMESPACE", "default"));
  private final GatewayServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  final int port;

  GatewayHarness() {
    Catalog catalog = CatalogLoader.load(CatalogFixture.path());
    Worker worker = factory.newWorker(taskQueue);
    DrWorker.register(worker, catalog, CatalogFixture.path().toString(), aws, env.all());
    worker.registerWorkflowImplementationTypes(GateProbeWorkflowImpl.class);
    factory.start();
    Map<String, String> gatewayEnv = new HashMap<>(env.all());
    gatewayEnv.put(Gateway.SHARED_SECRET, SHARED_VALUE);
    gatewayEnv.put(Gateway.SLACK_SECRET, SLACK_VALUE);
    // This one from Secrets Manager (the sandbox's moto) by ARN, as a deployment may give it.
    gatewayEnv.put(
        Gateway.PAGERDUTY_SECRET,
        aws.secretsManager("us-east-1")
            .createSecret(r -> r.name("dr-gateway-pd-" + taskQueue).secretString(PAGERDUTY_VALUE))
            .arn());
    gatewayEnv.put(
        "DR_GATEWAY_APPROVERS", "generic:chatops-bot,slack:U0ALLOWED,generic:standby-bot");
    gatewayEnv.put("DR_GATEWAY_PAGERDUTY_SERVICES", PD_SERVICE + "=inventory");
    gatewayEnv.put("DR_GATEWAY_ALARMS", ALARM + "=incident-response:inventory");
    server =
        new GatewayServer(
            Gateway.routes(
                gatewayEnv,
                new Gateway.Parts(
                    client(),
                    taskQueue,
                    catalog,
                    Clock.systemUTC(),
                    url -> cert.certificate,
                    confirmed::add,
                    new SecretsManagerSecrets(
                        URI.create(env.require("AWS_ENDPOINT_URL")), credentials))));
    port = server.start("127.0.0.1", 0);
  }

  WorkflowClient client() {
    return factory.getWorkflowClient();
  }

  record Reply(int status, String body) {
    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  Reply post(String path, String contentType, String body, Map<String, String> headers) {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(r::header);
    try {
      HttpResponse<String> response = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Headers of a generic request signed with {@code secret} at {@code at}, with a new nonce. */
  static Map<String, String> genericHeaders(Secret secret, Instant at, String body) {
    String ts = Long.toString(at.getEpochSecond());
    String nonce = UUID.randomUUID().toString().replace("-", "");
    return Map.of(
        GenericSignature.TIMESTAMP, ts,
        GenericSignature.NONCE, nonce,
        GenericSignature.SIGNATURE, GenericSignature.sign(secret, ts, nonce, body));
  }

  Reply generic(String body) {
    return post(
        "/v1/generic", "application/json", body, genericHeaders(SHARED, Instant.now(), body));
  }

  static Map<String, String> slackHeaders(Secret secret, Instant at, String body) {
    String ts = Long.toString(at.getEpochSecond());
    return Map.of(
        SlackSignature.TIMESTAMP,
        ts,
        SlackSignature.SIGNATURE,
        SlackSignature.sign(secret, ts, body));
  }

  Reply slack(String path, String form) {
    return post(
        path, "application/x-www-form-urlencoded", form, slackHeaders(SLACK, Instant.now(), form));
  }

  @Override
  public void close() {
    server.close();
    factory.shutdown();
    factory.awaitTermination(10, TimeUnit.SECONDS);
    stubs.shutdown();
    aws.close();
  }
}
