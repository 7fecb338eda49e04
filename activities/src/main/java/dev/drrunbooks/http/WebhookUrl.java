package dev.drrunbooks.http;

import java.net.URI;

/**
 * An outbound webhook's URL from the worker's environment. The path and query often carry a token
 * (Slack's incoming webhooks, PagerDuty's): {@link #redacted} is the only form ever logged or
 * returned.
 */
public final class WebhookUrl {
  private WebhookUrl() {}

  /**
   * @return null when {@code value} is null or blank (the channel is off)
   * @throws IllegalArgumentException naming {@code env} when it is not an http(s) URL with a host
   */
  public static URI parse(String env, String value) {
    if (value == null || value.isBlank()) return null;
    URI uri;
    try {
      uri = URI.create(value.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(env + ": not a URL (" + e.getMessage() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          env + ": expected an http(s) URL with a host, e.g. https://hooks.example.com/dr");
    }
    return uri;
  }

  /** Scheme, host and port only, or "none". */
  public static String redacted(URI uri) {
    return uri == null
        ? "none"
        : uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
  }
}
