package dev.drrunbooks.bootstrap.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.uber.m3.tally.NoopScope;
import com.uber.m3.tally.Scope;
import dev.drrunbooks.payload.DrDataConverter;
import io.grpc.Metadata;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.GrpcMetadataProvider;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How worker, gateway and starter reach Temporal, decided by an environment map and the TOML file
 * it names (the stubs connect lazily: nothing here needs a server). Every environment names a
 * TEMPORAL_CONFIG_FILE of the test's own, so a profile file of the user running the tests changes
 * nothing.
 */
class TemporalClientConfigTest {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  @TempDir Path dir;

  /** The environment {@code pairs}, with a configuration file that does not exist. */
  private Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("TEMPORAL_CONFIG_FILE", dir.resolve("absent.toml").toString());
    for (int i = 0; i < pairs.length; i += 2) env.put(pairs[i], pairs[i + 1]);
    return env;
  }

  private Path toml(String text) throws Exception {
    return Files.writeString(dir.resolve("temporal.toml"), text);
  }

  @Test
  void nothingSetIsTheSandboxInPlaintext() {
    TemporalClientConfig config = TemporalClientConfig.fromEnvironment(env());
    assertEquals("127.0.0.1:7233", config.address());
    assertEquals("default", config.namespace());
    assertEquals("plaintext", config.describeSecurity());
    WorkflowServiceStubsOptions options = config.stubsOptions();
    assertEquals("127.0.0.1:7233", options.getTarget());
    assertFalse(options.getEnableHttps());
    assertNull(options.getSslContext());
  }

  @Test
  void addressNamespaceAndAnApiKeyFromTheStandardVariablesTurnTlsOn() {
    TemporalClientConfig config =
        TemporalClientConfig.fromEnvironment(
            env(
                "TEMPORAL_ADDRESS", "my-ns.a1b2c.tmprl.cloud:7233",
                "TEMPORAL_NAMESPACE", "my-ns.a1b2c",
                "TEMPORAL_API_KEY", "secret-key"));
    assertEquals("my-ns.a1b2c.tmprl.cloud:7233", config.address());
    assertEquals("my-ns.a1b2c", config.namespace());
    assertEquals("my-ns.a1b2c.tmprl.cloud:7233", config.stubsOptions().getTarget());
    assertTrue(config.stubsOptions().getEnableHttps());
    // The key travels as a bearer token in each call's metadata (Temporal Cloud API keys).
    assertEquals("Bearer secret-key", header(config.stubsOptions(), AUTHORIZATION));
    assertEquals("TLS + API key", config.describeSecurity());
  }

  @Test
  void theMetricsScopeIsAddedToWhatTheProfileSays() {
    Scope metrics = new NoopScope();
    WorkflowServiceStubs stubs =
        TemporalClientConfig.fromEnvironment(
                env("TEMPORAL_ADDRESS", "ns.tmprl.cloud:7233", "TEMPORAL_API_KEY", "k"))
            .connect(metrics);
    try {
      assertSame(metrics, stubs.getOptions().getMetricsScope());
      assertEquals("ns.tmprl.cloud:7233", stubs.getOptions().getTarget());
      assertTrue(stubs.getOptions().getEnableHttps());
      assertEquals("Bearer k", header(stubs.getOptions(), AUTHORIZATION));
    } finally {
      stubs.shutdownNow();
    }
  }

  @Test
  void aCommandLinesAddressAndNamespaceWinOverTheEnvironmentAndTheProfile() throws Exception {
    Path file = toml("[profile.default]\naddress = \"file:7233\"\nnamespace = \"from-file\"\n");
    Map<String, String> env =
        env(
            "TEMPORAL_CONFIG_FILE", file.toString(),
            "TEMPORAL_ADDRESS", "env:7233",
            "TEMPORAL_NAMESPACE", "from-env");
    TemporalClientConfig flags = TemporalClientConfig.load(env, "flag:7233", "from-flag");
    assertEquals("flag:7233", flags.address());
    assertEquals("from-flag", flags.namespace());
    assertEquals("flag:7233", flags.stubsOptions().getTarget());
    TemporalClientConfig none = TemporalClientConfig.load(env, null, " ");
    assertEquals("env:7233", none.address());
    assertEquals("from-env", none.namespace());
  }

  @Test
  void theDefaultProfileOfTheFileAndTheVariablesOverIt() throws Exception {
    Path file =
        toml(
            """
            [profile.default]
            address = "temporal.internal:7233"
            namespace = "dr"

            [profile.prod]
            address = "prod.a1b2c.tmprl.cloud:7233"
            namespace = "prod.a1b2c"
            api_key = "from-the-file"
            [profile.prod.tls]
            server_name = "prod.a1b2c.tmprl.cloud"
            """);
    TemporalClientConfig byDefault =
        TemporalClientConfig.fromEnvironment(env("TEMPORAL_CONFIG_FILE", file.toString()));
    assertEquals("temporal.internal:7233", byDefault.address());
    assertEquals("dr", byDefault.namespace());
    assertEquals("plaintext", byDefault.describeSecurity());

    TemporalClientConfig prod =
        TemporalClientConfig.fromEnvironment(
            env(
                "TEMPORAL_CONFIG_FILE", file.toString(),
                "TEMPORAL_PROFILE", "prod",
                "TEMPORAL_NAMESPACE", "other.a1b2c"));
    assertEquals("prod.a1b2c.tmprl.cloud:7233", prod.address());
    assertEquals("other.a1b2c", prod.namespace(), "a variable wins over the profile");
    assertEquals("Bearer from-the-file", header(prod.stubsOptions(), AUTHORIZATION));
    assertNotNull(prod.stubsOptions().getSslContext());
    assertEquals(
        "TLS + API key, server name prod.a1b2c.tmprl.cloud; profile prod", prod.describeSecurity());
  }

  @Test
  void aProfileNamedButNotInTheFileIsRefusedNamingTheFile() throws Exception {
    Path file = toml("[profile.default]\naddress = \"a:7233\"\n");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TemporalClientConfig.fromEnvironment(
                    env("TEMPORAL_CONFIG_FILE", file.toString(), "TEMPORAL_PROFILE", "prod")));
    assertEquals(
        "TEMPORAL_PROFILE: Unable to find profile prod in config data ("
            + file
            + " (TEMPORAL_CONFIG_FILE))",
        e.getMessage());
  }

  @Test
  void aProfileNamedInAFileThatDoesNotExistSaysTheFileIsMissing() {
    Path missing = dir.resolve("typo.toml");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TemporalClientConfig.fromEnvironment(
                    env("TEMPORAL_CONFIG_FILE", missing.toString(), "TEMPORAL_PROFILE", "prod")));
    assertEquals(
        "TEMPORAL_PROFILE: Unable to find profile prod in config data ("
            + missing
            + " (TEMPORAL_CONFIG_FILE, which does not exist))",
        e.getMessage());
  }

  @Test
  void aFileThatIsNotTomlIsRefusedWithoutQuotingIt() throws Exception {
    Path file = toml("[profile.default]\napi_key = \"never-printed\n");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TemporalClientConfig.fromEnvironment(env("TEMPORAL_CONFIG_FILE", file.toString())));
    assertTrue(
        e.getMessage()
            .startsWith(
                "cannot read the Temporal configuration file "
                    + file
                    + " (TEMPORAL_CONFIG_FILE): not valid TOML (line "),
        e.getMessage());
    assertFalse(e.getMessage().contains("never-printed"), e.getMessage());
  }

  @Test
  void theRetiredCertificateVariablesAreRefusedNamingTheStandardOnes() {
    IllegalArgumentException one =
        assertThrows(
            IllegalArgumentException.class,
            () -> TemporalClientConfig.fromEnvironment(env("TEMPORAL_TLS_KEY", "k.pem")));
    assertEquals(
        "TEMPORAL_TLS_KEY is set but no longer read: use TEMPORAL_TLS_CLIENT_CERT_PATH and"
            + " TEMPORAL_TLS_CLIENT_KEY_PATH (the Temporal CLI's and SDKs' variables) instead of"
            + " TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY",
        one.getMessage());
    IllegalArgumentException both =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TemporalClientConfig.load(
                    env(
                        "TEMPORAL_TLS_CERT", "c.pem",
                        "TEMPORAL_TLS_KEY", "k.pem",
                        "TEMPORAL_TLS_CLIENT_CERT_PATH", "c.pem",
                        "TEMPORAL_TLS_CLIENT_KEY_PATH", "k.pem"),
                    "flag:7233",
                    null));
    assertTrue(
        both.getMessage().startsWith("TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY are set but no"),
        both.getMessage());
    // Set but empty (a blank ConfigMap entry) is unset, as before.
    assertEquals(
        "plaintext",
        TemporalClientConfig.fromEnvironment(env("TEMPORAL_TLS_CERT", " ")).describeSecurity());
  }

  @Test
  void aClientCertificateNeedsItsKeyAndTheFilesMustBeReadable() {
    IllegalArgumentException half =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TemporalClientConfig.fromEnvironment(
                    env("TEMPORAL_TLS_CLIENT_CERT_PATH", "c.pem")));
    assertTrue(
        half.getMessage()
            .startsWith("a Temporal client certificate needs its key: found only the certificate"),
        half.getMessage());
    IllegalArgumentException unreadable =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TemporalClientConfig.fromEnvironment(
                    env(
                        "TEMPORAL_TLS_CLIENT_CERT_PATH", "no/such/c.pem",
                        "TEMPORAL_TLS_CLIENT_KEY_PATH", "no/such/k.pem")));
    assertEquals(
        "cannot set up TLS to Temporal from the client certificate, key or server CA:"
            + " no/such/c.pem (NoSuchFileException)",
        unreadable.getMessage());
  }

  @Test
  void grpcMetadataVariablesBecomeHeadersWhoseValuesAreNotLogged() {
    TemporalClientConfig config =
        TemporalClientConfig.fromEnvironment(env("TEMPORAL_GRPC_META_X_TENANT", "blue-team"));
    assertEquals(
        "blue-team",
        header(
            config.stubsOptions(), Metadata.Key.of("x-tenant", Metadata.ASCII_STRING_MARSHALLER)));
    assertEquals("plaintext, headers x-tenant", config.describeSecurity());
  }

  @Test
  void theNamespaceIsHandedToWhatReadsItFromTheEnvironment() {
    TemporalClientConfig config = TemporalClientConfig.load(env(), null, "from-flag");
    Map<String, String> env = config.withNamespace(Map.of("TEMPORAL_NAMESPACE", "x", "A", "b"));
    assertEquals(Map.of("TEMPORAL_NAMESPACE", "from-flag", "A", "b"), env);
  }

  @Test
  void everyClientReadsAndWritesPayloadsWithTheDrDataConverter() {
    WorkflowClientOptions options = DrClientOptions.forNamespace("dr");
    assertEquals("dr", options.getNamespace());
    assertSame(DrDataConverter.get(), options.getDataConverter());
  }

  /** The value of {@code key} the stubs send with every call, or null. */
  static String header(WorkflowServiceStubsOptions options, Metadata.Key<String> key) {
    String value = null;
    for (GrpcMetadataProvider p : options.getGrpcMetadataProviders()) {
      String v = p.getMetadata().get(key);
      if (v != null) value = v;
    }
    return value;
  }
}
