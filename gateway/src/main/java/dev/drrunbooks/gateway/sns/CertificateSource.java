package dev.drrunbooks.gateway.sns;

import java.net.URI;
import java.security.cert.X509Certificate;

/** Where SNS signing certificates come from: AWS over https, or a test's own. */
public interface CertificateSource {
  /**
   * @param url a SigningCertURL already checked against {@link SnsHosts}
   * @throws dev.drrunbooks.gateway.Refusal 401 when it cannot be had or read
   */
  X509Certificate certificate(URI url);
}
