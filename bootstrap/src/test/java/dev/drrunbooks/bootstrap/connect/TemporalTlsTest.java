package dev.drrunbooks.bootstrap.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.serviceclient.WorkflowServiceStubs;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS variables reach the wire: against a TLS server of the test's own (a throw-away CA signs a
 * server certificate for temporal.test only, and the server demands a client certificate from the
 * same CA), the stubs built from TEMPORAL_TLS_SERVER_CA_CERT_PATH, TEMPORAL_TLS_SERVER_NAME and
 * TEMPORAL_TLS_CLIENT_CERT_PATH / _KEY_PATH complete the handshake, sending the server name (SNI)
 * and the client certificate. The server speaks no gRPC, so the call after the handshake fails: the
 * test looks at what the server saw.
 */
class TemporalTlsTest {
  @TempDir static Path dir;
  private static TestPki pki;
  private static TestPki.Issued serverCert;
  private static TestPki.Issued client;
  private SSLServerSocket server;
  private Thread acceptor;

  /** What the server saw of each connection: the SNI names and client, or the handshake's error. */
  private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

  /** keytool is slow to start: one CA and two certificates for the class. */
  @BeforeAll
  static void issueCertificates() throws Exception {
    pki = new TestPki(dir);
    serverCert = pki.issue("temporal.test", "san=dns:temporal.test");
    client = pki.issue("dr-worker");
  }

  @BeforeEach
  void startServer() throws Exception {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(pki.keyStore(serverCert), TestPki.password());
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(pki.trustStore());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    server =
        (SSLServerSocket)
            tls.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress());
    SSLParameters params = server.getSSLParameters();
    params.setNeedClientAuth(true);
    params.setApplicationProtocols(new String[] {"h2"}); // gRPC insists on ALPN h2
    server.setSSLParameters(params);
    acceptor = new Thread(this::accept, "tls-test-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void accept() {
    while (!server.isClosed()) {
      try (SSLSocket s = (SSLSocket) server.accept()) {
        try {
          s.startHandshake();
          List<SNIServerName> names =
              ((ExtendedSSLSession) s.getSession()).getRequestedServerNames();
          seen.add(
              "sni="
                  + names.stream()
                      .map(n -> ((SNIHostName) n).getAsciiName())
                      .reduce((a, b) -> a + "," + b)
                      .orElse("")
                  + " client="
                  + s.getSession().getPeerPrincipal().getName());
        } catch (Exception e) {
          seen.add("handshake failed");
        }
      } catch (Exception closed) {
        return;
      }
    }
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
    acceptor.join(5_000);
  }

  private Map<String, String> env(String... more) {
    Map<String, String> env =
        new java.util.HashMap<>(
            Map.of(
                "TEMPORAL_CONFIG_FILE", dir.resolve("absent.toml").toString(),
                "TEMPORAL_ADDRESS", "127.0.0.1:" + server.getLocalPort(),
                "TEMPORAL_TLS_SERVER_CA_CERT_PATH", pki.caPem.toString(),
                "TEMPORAL_TLS_CLIENT_CERT_PATH", client.certPem().toString(),
                "TEMPORAL_TLS_CLIENT_KEY_PATH", client.keyPem().toString()));
    for (int i = 0; i < more.length; i += 2) env.put(more[i], more[i + 1]);
    return env;
  }

  /** Connects once (the call itself fails: no gRPC there); what the server saw first. */
  private String handshake(TemporalClientConfig config) throws Exception {
    WorkflowServiceStubs stubs = config.connect();
    try {
      assertThrows(RuntimeException.class, () -> stubs.connect(Duration.ofSeconds(3)));
    } finally {
      stubs.shutdownNow();
    }
    String first = seen.poll(10, TimeUnit.SECONDS);
    return first == null ? "no connection" : first;
  }

  @Test
  void theServerCaServerNameAndClientCertificateReachTheServer() throws Exception {
    TemporalClientConfig config =
        TemporalClientConfig.fromEnvironment(env("TEMPORAL_TLS_SERVER_NAME", "temporal.test"));
    assertEquals("sni=temporal.test client=CN=dr-worker", handshake(config));
    assertEquals(
        "mTLS, server name temporal.test, server CA "
            + pki.caPem
            + ", client certificate "
            + client.certPem(),
        config.describeSecurity());
  }

  @Test
  void withoutTheServerNameTheCertificateForAnotherNameIsRefused() throws Exception {
    // The client checks the certificate against the address it dialled (127.0.0.1): the server's
    // is for temporal.test only, so the client aborts the handshake.
    assertEquals("handshake failed", handshake(TemporalClientConfig.fromEnvironment(env())));
  }

  @Test
  void theSameFromPemDataInTheVariables() throws Exception {
    Map<String, String> env = env("TEMPORAL_TLS_SERVER_NAME", "temporal.test");
    env.remove("TEMPORAL_TLS_SERVER_CA_CERT_PATH");
    env.remove("TEMPORAL_TLS_CLIENT_CERT_PATH");
    env.remove("TEMPORAL_TLS_CLIENT_KEY_PATH");
    env.put("TEMPORAL_TLS_SERVER_CA_CERT_DATA", java.nio.file.Files.readString(pki.caPem));
    env.put("TEMPORAL_TLS_CLIENT_CERT_DATA", java.nio.file.Files.readString(client.certPem()));
    env.put("TEMPORAL_TLS_CLIENT_KEY_DATA", java.nio.file.Files.readString(client.keyPem()));
    TemporalClientConfig config = TemporalClientConfig.fromEnvironment(env);
    assertEquals("sni=temporal.test client=CN=dr-worker", handshake(config));
    String described = config.describeSecurity();
    assertEquals(
        "mTLS, server name temporal.test, server CA from TEMPORAL_TLS_SERVER_CA_CERT_DATA or the"
            + " profile",
        described);
    assertTrue(!described.contains("PRIVATE KEY"), described);
  }
}
