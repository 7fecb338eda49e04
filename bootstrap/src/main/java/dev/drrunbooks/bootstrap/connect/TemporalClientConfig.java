package dev.drrunbooks.bootstrap.connect;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.uber.m3.tally.Scope;
import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.envconfig.ClientConfigTLS;
import io.temporal.envconfig.LoadClientConfigProfileOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How worker, gateway and starter reach Temporal, configured as the Temporal CLI and the other SDKs
 * are: by the Java SDK's environment configuration (temporal-envconfig;
 * https://docs.temporal.io/develop/environment-configuration, every variable and TOML key:
 * https://docs.temporal.io/references/client-environment-configuration). In order, each over the
 * one before:
 *
 * <ol>
 *   <li>a profile of the TOML configuration file: the file TEMPORAL_CONFIG_FILE names, else the
 *       user's ({@code ~/.config/temporalio/temporal.toml} on Linux); the profile TEMPORAL_PROFILE
 *       names (which must then be in the file), else {@code default}. No file: nothing from it;
 *   <li>the TEMPORAL_* variables: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY (which
 *       turns TLS on), TEMPORAL_TLS, TEMPORAL_TLS_CLIENT_CERT_PATH or _DATA with
 *       TEMPORAL_TLS_CLIENT_KEY_PATH or _DATA (mTLS), TEMPORAL_TLS_SERVER_CA_CERT_PATH or _DATA,
 *       TEMPORAL_TLS_SERVER_NAME (SNI and the name the server's certificate must carry),
 *       TEMPORAL_TLS_DISABLE_HOST_VERIFICATION, TEMPORAL_GRPC_META_* (request headers);
 *   <li>what a command line says (the starter's {@code --address} and {@code --namespace}).
 * </ol>
 *
 * Nothing anywhere: {@value #DEFAULT_ADDRESS} (the sandbox's) and namespace {@value
 * #DEFAULT_NAMESPACE}. What dr-runbooks adds on top (the metrics scope, the payload codec of {@link
 * DrClientOptions}) comes after. Secrets (the API key, key data, header values) are never logged:
 * {@link #describeSecurity()} says how the connection is secured, not with what.
 */
public final class TemporalClientConfig {
  public static final String DEFAULT_ADDRESS = "127.0.0.1:7233";
  public static final String DEFAULT_NAMESPACE = "default";

  /**
   * Variables dr-runbooks read for mTLS before it used the standard ones
   * (TEMPORAL_TLS_CLIENT_CERT_PATH, TEMPORAL_TLS_CLIENT_KEY_PATH). Still set, they would be ignored
   * and the client would connect in plaintext: refused instead.
   */
  static final List<String> RETIRED = List.of("TEMPORAL_TLS_CERT", "TEMPORAL_TLS_KEY");

  private final String address;
  private final String namespace;
  private final WorkflowServiceStubsOptions options;
  private final String security;

  private TemporalClientConfig(
      String address, String namespace, WorkflowServiceStubsOptions options, String security) {
    this.address = address;
    this.namespace = namespace;
    this.options = options;
    this.security = security;
  }

  /** From the environment alone (worker, gateway). */
  public static TemporalClientConfig fromEnvironment(Map<String, String> env) {
    return load(env, null, null);
  }

  /**
   * Reads the profile and the variables now, and the TLS files they name: a mistake is found at
   * start-up, not at the first call.
   *
   * @param env the process environment, or a test's: the TEMPORAL_* variables, and where the TOML
   *     file is
   * @param address a command line's address, over the environment and the profile; null or blank:
   *     none given
   * @param namespace a command line's namespace, likewise
   * @throws IllegalArgumentException one line saying what is wrong: a retired variable, a profile
   *     not in the file, a file that cannot be read, a certificate without its key, TLS files that
   *     cannot be read or used
   */
  public static TemporalClientConfig load(
      Map<String, String> env, String address, String namespace) {
    refuseRetired(env);
    ClientConfigProfile profile;
    try {
      profile =
          ClientConfigProfile.load(
              LoadClientConfigProfileOptions.newBuilder().setEnvOverrides(env).build());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the Temporal configuration file " + configFile(env) + ": " + reason(e), e);
    } catch (IllegalArgumentException e) {
      // Such as the SDK's "Unable to find profile NAME in config data": say which file it read.
      boolean missing = String.valueOf(e.getMessage()).startsWith("Unable to find profile");
      throw new IllegalArgumentException(
          (missing ? "TEMPORAL_PROFILE: " : "Temporal configuration: ")
              + e.getMessage()
              + " ("
              + configFile(env)
              + ")",
          e);
    }
    ClientConfigProfile.Builder b = profile.toBuilder();
    if (notBlank(address)) b.setAddress(address.trim());
    else if (!notBlank(profile.getAddress())) b.setAddress(DEFAULT_ADDRESS);
    if (notBlank(namespace)) b.setNamespace(namespace.trim());
    else if (!notBlank(profile.getNamespace())) b.setNamespace(DEFAULT_NAMESPACE);
    profile = b.build();
    requireCertificateWithKey(profile.getTls());
    WorkflowServiceStubsOptions options;
    try {
      options = profile.toWorkflowServiceStubsOptions();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot set up TLS to Temporal from the client certificate, key or server CA: "
              + reason(e),
          e);
    }
    return new TemporalClientConfig(
        profile.getAddress(), profile.getNamespace(), options, describe(profile, env));
  }

  /** host:port of the frontend. */
  public String address() {
    return address;
  }

  public String namespace() {
    return namespace;
  }

  /** The stubs' options, as the SDK built them from the profile (no metrics scope). */
  public WorkflowServiceStubsOptions stubsOptions() {
    return options;
  }

  /** Stubs on this configuration (they connect lazily). */
  public WorkflowServiceStubs connect() {
    return connect(null);
  }

  /**
   * As {@link #connect()}, reporting the SDK's metrics (requests, pollers, workflow and activity
   * tasks of every client and worker built on these stubs) to {@code metrics}; null: none.
   */
  public WorkflowServiceStubs connect(Scope metrics) {
    WorkflowServiceStubsOptions.Builder b = WorkflowServiceStubsOptions.newBuilder(options);
    if (metrics != null) b.setMetricsScope(metrics);
    return WorkflowServiceStubs.newServiceStubs(b.build());
  }

  /**
   * How the connection is secured, for logs: plaintext, TLS, mTLS, with "+ API key" when one is
   * sent; then the server name, the server CA's file, the client certificate's file, the names
   * (never the values) of extra headers, and the profile when TEMPORAL_PROFILE names one.
   */
  public String describeSecurity() {
    return security;
  }

  /**
   * {@code env} with TEMPORAL_NAMESPACE set to this namespace, for the parts of a process that read
   * the namespace from the environment (run links, the codec endpoint): the namespace may come from
   * a profile or a command line instead.
   */
  public Map<String, String> withNamespace(Map<String, String> env) {
    Map<String, String> with = new HashMap<>(env);
    with.put("TEMPORAL_NAMESPACE", namespace);
    return Map.copyOf(with);
  }

  private static void refuseRetired(Map<String, String> env) {
    List<String> set = RETIRED.stream().filter(v -> notBlank(env.get(v))).toList();
    if (!set.isEmpty())
      throw new IllegalArgumentException(
          String.join(" and ", set)
              + (set.size() == 1 ? " is" : " are")
              + " set but no longer read: use TEMPORAL_TLS_CLIENT_CERT_PATH and"
              + " TEMPORAL_TLS_CLIENT_KEY_PATH (the Temporal CLI's and SDKs' variables) instead of"
              + " TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY");
  }

  /**
   * The SDK hands a certificate without its key (or a key alone) to the TLS library, which then
   * connects without a client certificate: refused here, as the Go SDK and the CLI refuse it.
   */
  private static void requireCertificateWithKey(ClientConfigTLS tls) {
    if (tls == null || Boolean.TRUE.equals(tls.isDisabled())) return;
    boolean cert = notEmpty(tls.getClientCertPath()) || notEmpty(tls.getClientCertData());
    boolean key = notEmpty(tls.getClientKeyPath()) || notEmpty(tls.getClientKeyData());
    if (cert != key)
      throw new IllegalArgumentException(
          "a Temporal client certificate needs its key: found only the "
              + (cert ? "certificate" : "key")
              + " (TEMPORAL_TLS_CLIENT_CERT_PATH or _DATA with TEMPORAL_TLS_CLIENT_KEY_PATH or"
              + " _DATA, or the profile's tls.client_cert_path and tls.client_key_path)");
  }

  private static String describe(ClientConfigProfile p, Map<String, String> env) {
    ClientConfigTLS tls = p.getTls();
    boolean apiKey = notEmpty(p.getApiKey());
    // As ClientConfigProfile.toWorkflowServiceStubsOptions decides: a TLS section not disabled, or
    // an API key without any TLS settings.
    boolean tlsOn = tls != null ? !Boolean.TRUE.equals(tls.isDisabled()) : apiKey;
    StringBuilder s = new StringBuilder();
    if (!tlsOn) {
      s.append("plaintext");
    } else {
      boolean clientCert =
          tls != null && (notEmpty(tls.getClientCertPath()) || notEmpty(tls.getClientCertData()));
      s.append(clientCert ? "mTLS" : "TLS");
    }
    if (apiKey) s.append(" + API key");
    if (tlsOn && tls != null) {
      if (notEmpty(tls.getServerName())) s.append(", server name ").append(tls.getServerName());
      if (notEmpty(tls.getServerCACertPath()))
        s.append(", server CA ").append(tls.getServerCACertPath());
      else if (notEmpty(tls.getServerCACertData()))
        s.append(", server CA from TEMPORAL_TLS_SERVER_CA_CERT_DATA or the profile");
      else if (Boolean.TRUE.equals(tls.isDisableHostVerification()))
        s.append(", server certificate NOT verified");
      if (notEmpty(tls.getClientCertPath()))
        s.append(", client certificate ").append(tls.getClientCertPath());
    }
    if (p.getMetadata() != null && !p.getMetadata().keys().isEmpty())
      s.append(", headers ").append(String.join(" ", new TreeSet<>(p.getMetadata().keys())));
    if (notBlank(env.get("TEMPORAL_PROFILE")))
      s.append("; profile ").append(env.get("TEMPORAL_PROFILE").trim());
    return s.toString();
  }

  /** Where the SDK looked for the TOML file, for messages. */
  private static String configFile(Map<String, String> env) {
    String file = env.get("TEMPORAL_CONFIG_FILE");
    if (!notBlank(file))
      return "of the user (~/.config/temporalio/temporal.toml on Linux; TEMPORAL_CONFIG_FILE"
          + " unset)";
    // The SDK reads a missing file as an empty one: say so, or a mistyped path reads as a wrong
    // profile name (the sandbox's env file names a missing file on purpose: no profile there).
    return file
        + " (TEMPORAL_CONFIG_FILE"
        + (Files.exists(Path.of(file.trim())) ? "" : ", which does not exist")
        + ")";
  }

  /**
   * Why reading failed, without the file's text: a TOML error says where (the file may hold an API
   * key or a private key), anything else its own message.
   */
  private static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    if (root instanceof JsonProcessingException j) {
      JsonLocation at = j.getLocation();
      return "not valid TOML"
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
    }
    String message = root.getMessage();
    return (message == null ? "" : message + " ") + "(" + root.getClass().getSimpleName() + ")";
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }

  private static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }

  private static boolean notEmpty(byte[] b) {
    return b != null && b.length > 0;
  }
}
