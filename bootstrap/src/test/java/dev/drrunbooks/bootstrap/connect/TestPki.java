package dev.drrunbooks.bootstrap.connect;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority and the certificates it signs, made with the JDK's keytool in
 * a test's directory: each as PEM files (certificate, PKCS#8 key) as the Temporal variables name
 * them, and as the JDK objects a test server needs.
 */
final class TestPki {
  private static final String PASS = "changeit";
  private final Path dir;
  final Path caPem;
  final X509Certificate ca;

  /** One issued certificate: its PEM files and its JDK objects. */
  record Issued(Path certPem, Path keyPem, X509Certificate cert, PrivateKey key) {}

  TestPki(Path dir) throws Exception {
    this.dir = dir;
    keytool(
        "-genkeypair",
        "-alias",
        "ca",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=dr-runbooks test CA",
        "-ext",
        "bc:c",
        "-keystore",
        store("ca"));
    caPem = dir.resolve("ca.pem");
    keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", store("ca"), "-file", caPem);
    ca = certificate(caPem);
  }

  /**
   * A certificate for {@code cn}, signed by the CA, with {@code extensions} (keytool -ext values,
   * such as {@code san=dns:temporal.test} or {@code eku=clientAuth}).
   */
  Issued issue(String cn, String... extensions) throws Exception {
    keytool(
        "-genkeypair",
        "-alias",
        cn,
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=" + cn,
        "-keystore",
        store(cn));
    Path csr = dir.resolve(cn + ".csr");
    keytool("-certreq", "-alias", cn, "-keystore", store(cn), "-file", csr);
    List<Object> gencert =
        new ArrayList<>(
            List.of(
                "-gencert",
                "-rfc",
                "-alias",
                "ca",
                "-keystore",
                store("ca"),
                "-validity",
                "2",
                "-infile",
                csr,
                "-outfile",
                dir.resolve(cn + ".pem")));
    for (String e : extensions) {
      gencert.add("-ext");
      gencert.add(e);
    }
    keytool(gencert.toArray());
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(Path.of(store(cn)))) {
      ks.load(in, PASS.toCharArray());
    }
    PrivateKey key = (PrivateKey) ks.getKey(cn, PASS.toCharArray());
    Path keyPem =
        Files.writeString(
            dir.resolve(cn + "-key.pem"),
            "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
    Path certPem = dir.resolve(cn + ".pem");
    return new Issued(certPem, keyPem, certificate(certPem), key);
  }

  /** A key store holding {@code issued}'s key with its chain up to the CA. */
  KeyStore keyStore(Issued issued) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("key", issued.key(), PASS.toCharArray(), new Certificate[] {issued.cert(), ca});
    return ks;
  }

  /** A trust store holding the CA alone. */
  KeyStore trustStore() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("ca", ca);
    return ks;
  }

  static char[] password() {
    return PASS.toCharArray();
  }

  private String store(String name) {
    return dir.resolve(name + ".p12").toString();
  }

  private static X509Certificate certificate(Path pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
  }

  private static void keytool(Object... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    for (Object a : args) command.add(a.toString());
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASS, "-noprompt"));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0)
      throw new IllegalStateException("keytool " + String.join(" ", command) + ": " + out);
  }
}
