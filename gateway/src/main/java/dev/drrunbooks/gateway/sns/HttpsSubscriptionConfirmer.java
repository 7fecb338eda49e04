package dev.drrunbooks.gateway.sns;

import dev.drrunbooks.gateway.Refusal;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Confirms a subscription with an https GET of its SubscribeURL. */
public final class HttpsSubscriptionConfirmer implements SubscriptionConfirmer {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Override
  public void confirm(URI subscribeUrl) {
    try {
      int status =
          http.send(
                  HttpRequest.newBuilder(subscribeUrl)
                      .timeout(Duration.ofSeconds(10))
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();
      if (status != 200)
        throw new Refusal(502, "SubscribeURL: SNS answered " + status + " to the confirmation");
    } catch (IOException e) {
      throw new Refusal(502, "SubscribeURL: cannot reach SNS to confirm: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Refusal(503, "SubscribeURL: interrupted while confirming");
    }
  }
}
