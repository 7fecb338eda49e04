package dev.drrunbooks.gateway.sns;

import dev.drrunbooks.gateway.Refusal;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fetches SNS's signing certificate over https (the JDK's trust store checks the server) and keeps
 * it: SNS signs with few certificates, rotated rarely.
 */
public final class HttpsCertificateSource implements CertificateSource {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<URI, X509Certificate> cache = new ConcurrentHashMap<>();

  @Override
  public X509Certificate certificate(URI url) {
    X509Certificate cached = cache.get(url);
    if (cached != null) return cached;
    try {
      HttpResponse<byte[]> r =
          http.send(
              HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200)
        throw Refusal.unverified("SigningCertURL: " + url + " answered " + r.statusCode());
      X509Certificate cert =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(r.body()));
      if (cache.size() < 32) cache.put(url, cert);
      return cert;
    } catch (IOException | CertificateException e) {
      throw Refusal.unverified("SigningCertURL: cannot read the certificate at " + url + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Refusal.unverified("SigningCertURL: interrupted while fetching " + url);
    }
  }
}
