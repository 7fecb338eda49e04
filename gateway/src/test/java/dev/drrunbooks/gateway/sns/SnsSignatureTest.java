package dev.drrunbooks.gateway.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drrunbooks.gateway.Refusal;
import dev.drrunbooks.gateway.SnsMessages;
import dev.drrunbooks.gateway.TestCertificate;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The SNS verification path with a real RSA certificate made for the test: what AWS's own
 * certificate would go through, except its download from the SNS host.
 */
class SnsSignatureTest {
  private static TestCertificate cert;
  private static TestCertificate other;
  private final List<URI> fetched = new ArrayList<>();
  private final SnsSignature check =
      new SnsSignature(
          url -> {
            fetched.add(url);
            return cert.certificate;
          },
          SnsHosts.DEFAULT);

  @BeforeAll
  static void certificates() {
    cert = TestCertificate.generate();
    other = TestCertificate.generate();
  }

  private static void refused(int status, String start, Executable e) {
    Refusal r = assertThrows(Refusal.class, e);
    assertEquals(status, r.status(), r.reason());
    assertTrue(r.reason().startsWith(start), r.reason());
  }

  private static ObjectNode alarm() {
    return SnsMessages.alarm(cert, "m-1", Instant.now(), "inventory-5xx", "ALARM");
  }

  @Test
  void signaturesOfVersionOneAndTwoVerifyAgainstTheFetchedCertificate() {
    check.verify(alarm());
    check.verify(SnsMessages.signed(cert, alarm(), "2"));
    check.verify(
        SnsMessages.confirmation(
            cert,
            "m-2",
            Instant.now(),
            "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription"));
    ObjectNode noSubject = alarm();
    noSubject.remove("Subject");
    check.verify(SnsMessages.signed(cert, noSubject, "1"));
    assertEquals(URI.create(SnsMessages.CERT_URL), fetched.get(0));
  }

  @Test
  void aTamperedFieldOrAnotherKeysSignatureIsRefused() {
    ObjectNode m = alarm();
    m.put("Message", m.get("Message").asText().replace("ALARM", "OK"));
    refused(401, "Signature: does not match", () -> check.verify(m));
    ObjectNode forged = SnsMessages.signed(other, alarm(), "1");
    refused(401, "Signature: does not match", () -> check.verify(forged));
    ObjectNode garbled = alarm().put("Signature", "***");
    refused(401, "Signature: not base64", () -> check.verify(garbled));
    ObjectNode v1AsV2 = alarm().put("SignatureVersion", "2");
    refused(401, "Signature: does not match", () -> check.verify(v1AsV2));
  }

  @Test
  void certificatesFromOtherHostsOrOverHttpAreNeverFetched() {
    for (String url :
        List.of(
            "https://evil.example.com/cert.pem",
            "http://sns.us-east-1.amazonaws.com/cert.pem",
            "https://sns.us-east-1.amazonaws.com.evil.example/cert.pem",
            "https://sns.us-east-1.amazonaws.com:8443/cert.pem",
            "not a url")) {
      ObjectNode m = alarm().put("SigningCertURL", url);
      refused(401, "SigningCertURL: '" + url + "' is not valid", () -> check.verify(m));
    }
    ObjectNode none = alarm();
    none.remove("SigningCertURL");
    refused(401, "SigningCertURL: 'null'", () -> check.verify(none));
    assertTrue(fetched.isEmpty(), fetched.toString());
    SnsHosts.require("u", "https://sns.cn-north-1.amazonaws.com.cn/c.pem", SnsHosts.DEFAULT);
  }

  @Test
  void unknownTypesVersionsAndMissingFieldsAreRefused() {
    refused(400, "Type: 'Other'", () -> check.verify(alarm().put("Type", "Other")));
    refused(401, "SignatureVersion: '3'", () -> check.verify(alarm().put("SignatureVersion", "3")));
    ObjectNode noId = alarm();
    noId.remove("MessageId");
    refused(400, "MessageId: missing", () -> check.verify(noId));
  }
}
