package dev.drrunbooks.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where to really send a probe for a host the worker cannot reach by name: the sandbox has no
 * {@code api.mycomputer.com}, so {@code DR_HTTP_ENDPOINT_MAP} maps it to a local server.
 *
 * <p>Format: comma-separated {@code host=base-url} entries (also {@code ;} or new lines), e.g.
 * {@code
 * api.mycomputer.com=http://127.0.0.1:18080,primary-alb.eu-west-1.elb.amazonaws.com=http://127.0.0.1:18081}.
 * A key may be {@code host:port} to map only that port. A URL whose host (case-insensitive) matches
 * a key gets the base URL's scheme, host and port; its path and query are kept (after the base
 * URL's path, when it has one). Unmapped URLs are used as they are. Empty: nothing is mapped (real
 * AWS).
 */
public final class EndpointMap {
  /** The environment variable the worker reads. */
  public static final String ENV = "DR_HTTP_ENDPOINT_MAP";

  private static final EndpointMap NONE = new EndpointMap(Map.of());

  private final Map<String, URI> targets;

  private EndpointMap(Map<String, URI> targets) {
    this.targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
  }

  /** Maps nothing. */
  public static EndpointMap none() {
    return NONE;
  }

  /** From {@value #ENV}; unset or blank maps nothing. */
  public static EndpointMap fromEnvironment() {
    return parse(System.getenv(ENV));
  }

  /**
   * Parses the {@value #ENV} format.
   *
   * @throws IllegalArgumentException naming the entry that is not {@code
   *     host=http(s)://host[:port][/path]}
   */
  public static EndpointMap parse(String spec) {
    if (spec == null || spec.isBlank()) return NONE;
    Map<String, URI> targets = new LinkedHashMap<>();
    for (String raw : spec.split("[,;\\n]")) {
      String entry = raw.trim();
      if (entry.isEmpty()) continue;
      int eq = entry.indexOf('=');
      if (eq <= 0 || eq == entry.length() - 1) {
        throw new IllegalArgumentException(
            ENV
                + " entry '"
                + entry
                + "' is not host=base-url (e.g. "
                + "api.mycomputer.com=http://127.0.0.1:18080)");
      }
      String key = entry.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String value = entry.substring(eq + 1).trim();
      URI target;
      try {
        target = new URI(value);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(
            ENV + " entry '" + entry + "': '" + value + "' is not a URL: " + e.getMessage());
      }
      String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || target.getHost() == null) {
        throw new IllegalArgumentException(
            ENV
                + " entry '"
                + entry
                + "': '"
                + value
                + "' must be an http(s) URL with a host, e.g. http://127.0.0.1:18080");
      }
      if (key.contains("/") || key.contains("=") || key.isBlank()) {
        throw new IllegalArgumentException(
            ENV + " entry '" + entry + "': '" + key + "' is not a host name");
      }
      targets.put(key, target);
    }
    return new EndpointMap(targets);
  }

  /**
   * {@code url} with its scheme, host and port replaced when its host is mapped; else {@code url}
   * itself.
   */
  public URI map(URI url) {
    if (targets.isEmpty() || url.getHost() == null) return url;
    String host = url.getHost().toLowerCase(Locale.ROOT);
    URI target = url.getPort() >= 0 ? targets.get(host + ":" + url.getPort()) : null;
    if (target == null) target = targets.get(host);
    if (target == null) return url;
    String base = target.getRawPath() == null ? "" : target.getRawPath();
    if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    StringBuilder s =
        new StringBuilder()
            .append(target.getScheme())
            .append("://")
            .append(target.getRawAuthority())
            .append(base)
            .append(path);
    if (url.getRawQuery() != null) s.append('?').append(url.getRawQuery());
    return URI.create(s.toString());
  }

  public boolean isEmpty() {
    return targets.isEmpty();
  }

  /** The entries, key (host or host:port) to base URL, for logs. */
  public Map<String, URI> entries() {
    return targets;
  }

  @Override
  public String toString() {
    return targets.isEmpty() ? "(no endpoint mapping)" : targets.toString();
  }
}
