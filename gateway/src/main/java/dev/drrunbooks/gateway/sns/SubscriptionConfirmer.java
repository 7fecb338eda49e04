package dev.drrunbooks.gateway.sns;

import java.net.URI;

/**
 * Confirms a subscription by visiting its SubscribeURL
 * (https://docs.aws.amazon.com/sns/latest/dg/SendMessageToHttp.confirm.html). The default does an
 * https GET; tests record the call.
 */
public interface SubscriptionConfirmer {
  /**
   * @param subscribeUrl already checked against {@link SnsHosts}
   * @throws dev.drrunbooks.gateway.Refusal when SNS does not confirm
   */
  void confirm(URI subscribeUrl);
}
