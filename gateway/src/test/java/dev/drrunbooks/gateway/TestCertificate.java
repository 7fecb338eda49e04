package dev.drrunbooks.gateway;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * A self-signed RSA certificate made by the JDK's keytool for this test run only (no key is kept in
 * the repository), standing in for SNS's signing certificate.
 */
public final class TestCertificate {
  public final X509Certificate certificate;
  private final PrivateKey key;

  private TestCertificate(X509Certificate certificate, PrivateKey key) {
    this.certificate = certificate;
    this.key = key;
  }

  public static TestCertificate generate() {
    try {
      Path dir = Files.createTempDirectory("sns-cert");
      Path store = dir.resolve("sns.p12");
      String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
      Process p =
          new ProcessBuilder(
                  keytool,
                  "-genkeypair",
                  "-alias",
                  "sns",
                  "-keyalg",
                  "RSA",
                  "-keysize",
                  "2048",
                  "-dname",
                  "CN=sns.amazonaws.com",
                  "-validity",
                  "2",
                  "-storetype",
                  "PKCS12",
                  "-keystore",
                  store.toString(),
                  "-storepass",
                  "changeit",
                  "-keypass",
                  "changeit")
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes());
      if (p.waitFor() != 0) throw new IllegalStateException("keytool failed: " + out);
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        ks.load(in, "changeit".toCharArray());
      }
      return new TestCertificate(
          (X509Certificate) ks.getCertificate("sns"),
          (PrivateKey) ks.getKey("sns", "changeit".toCharArray()));
    } catch (Exception e) {
      throw new IllegalStateException("cannot make a test certificate: " + e, e);
    }
  }

  /** Base64 RSA signature of {@code text} with SHA256 (SNS SignatureVersion 2) or SHA1 (1). */
  public String sign(String text, String version) {
    try {
      Signature s = Signature.getInstance(version.equals("1") ? "SHA1withRSA" : "SHA256withRSA");
      s.initSign(key);
      s.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
