package dev.drrunbooks.gateway.sns;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drrunbooks.gateway.Refusal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Verifies an SNS message's signature as AWS describes it
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message-verify-message-signature.html):
 * the certificate from {@code SigningCertURL} (https, allowed host only, {@link SnsHosts}), valid
 * now; RSA with SHA1 ({@code SignatureVersion} 1) or SHA256 (2) over the message's fields, each
 * {@code Name\nvalue\n}, in the documented order.
 *
 * <p>Hand-written because the SDK's {@code sns-message-manager} (SnsMessageManager, listed in the
 * AWS SDK BOM 2.57.8) is not served by the package registry this project builds from; swap it in
 * when it is: it does these same checks.
 */
public final class SnsSignature {
  private static final List<String> NOTIFICATION =
      List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");
  private static final List<String> CONFIRMATION =
      List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");

  private final CertificateSource certificates;
  private final Pattern allowedHosts;

  public SnsSignature(CertificateSource certificates, Pattern allowedHosts) {
    this.certificates = certificates;
    this.allowedHosts = allowedHosts;
  }

  /**
   * @throws Refusal 400 (unknown Type, missing field), 401 (certificate host, certificate, or
   *     signature)
   */
  public void verify(JsonNode message) {
    String type = message.path("Type").asText("");
    List<String> fields =
        switch (type) {
          case "Notification" -> NOTIFICATION;
          case "SubscriptionConfirmation", "UnsubscribeConfirmation" -> CONFIRMATION;
          default ->
              throw Refusal.badRequest(
                  "Type: '"
                      + type
                      + "' is not valid; allowed: Notification, SubscriptionConfirmation,"
                      + " UnsubscribeConfirmation");
        };
    String algorithm =
        switch (message.path("SignatureVersion").asText("")) {
          case "1" -> "SHA1withRSA";
          case "2" -> "SHA256withRSA";
          default ->
              throw Refusal.unverified(
                  "SignatureVersion: '"
                      + message.path("SignatureVersion").asText("")
                      + "' is not valid; allowed: 1, 2");
        };
    X509Certificate cert =
        certificates.certificate(
            SnsHosts.require(
                "SigningCertURL", message.path("SigningCertURL").asText(null), allowedHosts));
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(message.path("Signature").asText(""));
    } catch (IllegalArgumentException e) {
      throw Refusal.unverified("Signature: not base64");
    }
    try {
      cert.checkValidity();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(cert.getPublicKey());
      verifier.update(stringToSign(message, fields).getBytes(StandardCharsets.UTF_8));
      if (!verifier.verify(signature))
        throw Refusal.unverified("Signature: does not match the message under its certificate");
    } catch (GeneralSecurityException e) {
      throw Refusal.unverified("Signature: cannot be checked: " + e.getMessage());
    }
  }

  /** The documented string to sign; optional fields (Subject) are left out when absent. */
  static String stringToSign(JsonNode message, List<String> fields) {
    StringBuilder s = new StringBuilder();
    for (String f : fields) {
      JsonNode v = message.get(f);
      if (v == null || v.isNull()) {
        if (f.equals("Subject")) continue;
        throw Refusal.badRequest(f + ": missing; SNS always sends it");
      }
      s.append(f).append('\n').append(v.asText()).append('\n');
    }
    return s.toString();
  }

  /** For tests and stand-ins that sign as SNS does. */
  public static String stringToSign(JsonNode message) {
    return stringToSign(
        message,
        "Notification".equals(message.path("Type").asText()) ? NOTIFICATION : CONFIRMATION);
  }
}
