package dev.drrunbooks.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drrunbooks.gateway.http.Json;
import dev.drrunbooks.gateway.sns.SnsSignature;
import java.time.Instant;

/** SNS messages as SNS sends them, signed with a {@link TestCertificate}. */
public final class SnsMessages {
  public static final String CERT_URL =
      "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-test.pem";
  public static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:dr-alarms";

  private SnsMessages() {}

  /** A CloudWatch alarm notification for {@code alarm} entering {@code state}. */
  public static ObjectNode alarm(
      TestCertificate cert, String messageId, Instant at, String alarm, String state) {
    ObjectNode m = Json.MAPPER.createObjectNode();
    m.put("Type", "Notification");
    m.put("MessageId", messageId);
    m.put("TopicArn", TOPIC);
    m.put("Subject", "ALARM: \"" + alarm + "\" in US East (N. Virginia)");
    m.put(
        "Message",
        Json.MAPPER
            .createObjectNode()
            .put("AlarmName", alarm)
            .put("NewStateValue", state)
            .put("NewStateReason", "Threshold Crossed: 5xx above 5%")
            .put("StateChangeTime", at.toString())
            .toString());
    m.put("Timestamp", at.toString());
    return signed(cert, m, "1");
  }

  /** A subscription confirmation whose SubscribeURL is {@code subscribeUrl}. */
  public static ObjectNode confirmation(
      TestCertificate cert, String messageId, Instant at, String subscribeUrl) {
    ObjectNode m = Json.MAPPER.createObjectNode();
    m.put("Type", "SubscriptionConfirmation");
    m.put("MessageId", messageId);
    m.put(
        "Token",
        "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3");
    m.put("TopicArn", TOPIC);
    m.put("Message", "You have chosen to subscribe to the topic " + TOPIC);
    m.put("SubscribeURL", subscribeUrl);
    m.put("Timestamp", at.toString());
    return signed(cert, m, "1");
  }

  /** Signs (again) with SignatureVersion {@code version} and the test certificate's URL. */
  public static ObjectNode signed(TestCertificate cert, ObjectNode m, String version) {
    m.put("SignatureVersion", version);
    m.put("SigningCertURL", CERT_URL);
    m.put("Signature", cert.sign(SnsSignature.stringToSign(m), version));
    return m;
  }
}
