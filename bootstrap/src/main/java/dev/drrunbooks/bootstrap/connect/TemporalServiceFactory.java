package dev.drrunbooks.bootstrap.connect;

import com.uber.m3.tally.Scope;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Connects worker and starter alike to Temporal: plain gRPC for the sandbox, mTLS
 * (TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY, PEM files) or an API key (TEMPORAL_API_KEY) for Temporal
 * Cloud. The key is read from the environment and never logged.
 */
public final class TemporalServiceFactory {
  private TemporalServiceFactory() {}

  public static WorkflowServiceStubs connect(String address, Map<String, String> env) {
    return connect(address, env, null);
  }

  /**
   * As {@link #connect(String, Map)}, reporting the SDK's metrics (requests, pollers, workflow and
   * activity tasks of every client and worker built on these stubs) to {@code metrics}; null: none.
   */
  public static WorkflowServiceStubs connect(
      String address, Map<String, String> env, Scope metrics) {
    WorkflowServiceStubsOptions.Builder options =
        WorkflowServiceStubsOptions.newBuilder().setTarget(address);
    if (metrics != null) options.setMetricsScope(metrics);
    String cert = env.get("TEMPORAL_TLS_CERT");
    String key = env.get("TEMPORAL_TLS_KEY");
    String apiKey = env.get("TEMPORAL_API_KEY");
    if (notBlank(cert) || notBlank(key)) {
      if (!notBlank(cert) || !notBlank(key)) {
        throw new IllegalArgumentException(
            "TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY must be set together (PEM files); "
                + "found only "
                + (notBlank(cert) ? "TEMPORAL_TLS_CERT" : "TEMPORAL_TLS_KEY"));
      }
      try (InputStream c = Files.newInputStream(Path.of(cert));
          InputStream k = Files.newInputStream(Path.of(key))) {
        options.setSslContext(SimpleSslContextBuilder.forPKCS8(c, k).build());
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read the Temporal client certificate " + cert + " or key " + key, e);
      }
    } else if (notBlank(apiKey)) {
      options.setEnableHttps(true).addApiKey(() -> apiKey);
    }
    return WorkflowServiceStubs.newServiceStubs(options.build());
  }

  /** How the connection is secured, for logs: never the secret itself. */
  public static String describeSecurity(Map<String, String> env) {
    if (notBlank(env.get("TEMPORAL_TLS_CERT"))) return "mTLS";
    if (notBlank(env.get("TEMPORAL_API_KEY"))) return "TLS + API key";
    return "plaintext";
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }
}
