package dev.drrunbooks.gateway;

import dev.drrunbooks.bootstrap.catalog.CatalogException;
import dev.drrunbooks.bootstrap.catalog.CatalogLoader;
import dev.drrunbooks.bootstrap.codec.PayloadEncryption;
import dev.drrunbooks.bootstrap.connect.DrClientOptions;
import dev.drrunbooks.bootstrap.connect.TemporalClientConfig;
import dev.drrunbooks.catalog.Catalog;
import dev.drrunbooks.gateway.codec.CodecEndpoint;
import dev.drrunbooks.gateway.http.Endpoint;
import dev.drrunbooks.gateway.http.GatewayServer;
import dev.drrunbooks.gateway.sns.HttpsCertificateSource;
import dev.drrunbooks.gateway.sns.HttpsSubscriptionConfirmer;
import dev.drrunbooks.gateway.verify.SecretsManagerSecrets;
import dev.drrunbooks.ops.LogFormat;
import dev.drrunbooks.ops.OpsAddress;
import dev.drrunbooks.ops.OpsServer;
import dev.drrunbooks.ops.ProcessMetrics;
import dev.drrunbooks.ops.TemporalReachable;
import dev.drrunbooks.ops.Tracing;
import io.temporal.client.WorkflowClient;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway process. Environment: DR_GATEWAY_HOST (default 127.0.0.1), DR_GATEWAY_PORT (default
 * 8787), Temporal as the Temporal CLI and SDKs read it ({@link TemporalClientConfig}:
 * TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TLS, API key, profiles), DR_TASK_QUEUE, DR_CATALOG,
 * TEMPORAL_UI_URL (links), the channels' secrets and mappings ({@link Gateway}),
 * DR_GATEWAY_APPROVERS, payload encryption ({@link PayloadEncryption}) and the codec endpoint's
 * users and origins ({@link CodecEndpoint}); DR_OPS_HOST and DR_OPS_PORT (default 0.0.0.0:9464:
 * /healthz, /readyz, /metrics), DR_LOG_FORMAT (text or json), OTEL_EXPORTER_OTLP_ENDPOINT (traces).
 * Logs which channels it serves, never a secret. {@code sign} as the first argument runs {@link
 * SignCommand} instead.
 */
public final class GatewayMain {
  private static final Logger log = LoggerFactory.getLogger(GatewayMain.class);

  private GatewayMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && args[0].equals("sign")) {
      System.exit(SignCommand.run(args, System.getenv(), System.out, System.err));
    }
    Map<String, String> env = System.getenv();
    String host = env.getOrDefault("DR_GATEWAY_HOST", "127.0.0.1");
    int port;
    Catalog catalog;
    Map<String, Endpoint> routes;
    WorkflowServiceStubs service;
    OpsAddress opsAddress;
    ProcessMetrics metrics = new ProcessMetrics();
    Tracing tracing;
    PayloadEncryption encryption;
    Optional<CodecEndpoint> codec;
    TemporalClientConfig temporal;
    try {
      temporal = TemporalClientConfig.fromEnvironment(env);
      // Run links and the codec endpoint name the namespace connected to (maybe a profile's).
      env = temporal.withNamespace(env);
      LogFormat.check(env);
      opsAddress = OpsAddress.from(env);
      tracing = Tracing.fromEnvironment(env, "dr-gateway");
      port = port(env.getOrDefault("DR_GATEWAY_PORT", "8787"));
      encryption = PayloadEncryption.process();
      catalog =
          CatalogLoader.load(
              Path.of(env.getOrDefault("DR_CATALOG", "deploy/catalog/mycomputer.yaml")));
      service = temporal.connect(metrics.temporalScope());
      WorkflowClient client =
          WorkflowClient.newInstance(
              service,
              DrClientOptions.forNamespace(temporal.namespace(), encryption).toBuilder()
                  .setInterceptors(
                      tracing.clientInterceptors().toArray(WorkflowClientInterceptor[]::new))
                  .build());
      routes =
          Gateway.routes(
              env,
              new Gateway.Parts(
                  client,
                  env.getOrDefault("DR_TASK_QUEUE", "dr-runbooks"),
                  catalog,
                  Clock.systemUTC(),
                  new HttpsCertificateSource(),
                  new HttpsSubscriptionConfirmer(),
                  SecretsManagerSecrets.fromEnvironment()));
      codec =
          CodecEndpoint.fromEnvironment(
              env, encryption.codec(), SecretsManagerSecrets.fromEnvironment(), Clock.systemUTC());
    } catch (IllegalArgumentException | CatalogException e) {
      log.error("gateway not started: {}", e.getMessage());
      System.exit(2);
      return;
    }
    OpsServer ops;
    try {
      // The same ops port as the worker's: /healthz, /readyz (Temporal answers), /metrics.
      ops =
          new OpsServer(
                  opsAddress, new TemporalReachable(service, temporal.address()), metrics::scrape)
              .start();
    } catch (IllegalStateException e) {
      log.error("gateway not started: {}", e.getMessage());
      System.exit(2);
      return;
    }
    GatewayServer server = new GatewayServer(routes, app -> codec.ifPresent(c -> c.addTo(app)));
    int bound = server.start(host, port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  ops.close();
                  service.shutdown();
                  tracing.close();
                  metrics.close();
                  stopped.countDown();
                },
                "gateway-shutdown"));
    log.info(
        "Gateway listening on http://{}:{}, serving {}, Temporal {} ({}) namespace {}, {};"
            + " /healthz /readyz /metrics on {}:{}, {}; {}",
        host,
        bound,
        routes.keySet(),
        temporal.address(),
        temporal.describeSecurity(),
        temporal.namespace(),
        codec
            .map(CodecEndpoint::describe)
            .orElse("no codec endpoint (DR_CODEC_SERVER_TOKENS unset)"),
        opsAddress.host(),
        ops.port(),
        tracing.describe(),
        encryption.describe());
    stopped.await();
  }

  private static int port(String value) {
    try {
      int p = Integer.parseInt(value.trim());
      if (p >= 0 && p <= 65535) return p;
    } catch (NumberFormatException e) {
      // fall through to the message
    }
    throw new IllegalArgumentException(
        "DR_GATEWAY_PORT: '" + value + "' is not valid; allowed: a port, 0 to 65535");
  }
}
