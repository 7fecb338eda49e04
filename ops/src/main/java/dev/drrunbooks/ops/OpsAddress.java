package dev.drrunbooks.ops;

import java.util.Map;

/**
 * Where a process serves /healthz, /readyz and /metrics: DR_OPS_HOST (default 0.0.0.0, every
 * interface, as a pod's probes and Prometheus need; the sandbox and tests use 127.0.0.1) and
 * DR_OPS_PORT (default {@value #DEFAULT_PORT}, the port the Kubernetes manifests probe; 0 picks a
 * free one).
 */
public record OpsAddress(String host, int port) {
  public static final int DEFAULT_PORT = 9464;
  public static final String HOST_ENV = "DR_OPS_HOST";
  public static final String PORT_ENV = "DR_OPS_PORT";

  /**
   * @throws IllegalArgumentException naming the variable, its value and what is allowed
   */
  public static OpsAddress from(Map<String, String> env) {
    String host = env.getOrDefault(HOST_ENV, "0.0.0.0").trim();
    if (host.isEmpty())
      throw new IllegalArgumentException(HOST_ENV + ": empty; allowed: an address to bind");
    String port = env.getOrDefault(PORT_ENV, String.valueOf(DEFAULT_PORT));
    try {
      int p = Integer.parseInt(port.trim());
      if (p >= 0 && p <= 65535) return new OpsAddress(host, p);
    } catch (NumberFormatException e) {
      // fall through to the message
    }
    throw new IllegalArgumentException(
        PORT_ENV + ": '" + port + "' is not valid; allowed: a port, 0 to 65535");
  }
}
