package dev.drrunbooks.starter;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether a {@code host:port} address certainly has nothing listening: its name does not resolve or
 * the connection is refused. The gRPC health check retries such an address until its deadline; an
 * operator (and a test) learns the same at once. Anything else (a timeout, a firewall that drops, a
 * proxy, an address that is not {@code host:port}) is left to the health check.
 */
final class NothingListens {
  private NothingListens() {}

  /**
   * @param address as Temporal takes it, e.g. {@code 127.0.0.1:7233} or {@code
   *     ns.acct.tmprl.cloud:7233}
   * @return the refusal or the unknown host; empty when something may be listening
   */
  static Optional<IOException> at(String address, Duration timeout) {
    int colon = address == null ? -1 : address.lastIndexOf(':');
    if (colon <= 0 || address.contains("/")) return Optional.empty();
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    String host = address.substring(0, colon).replace("[", "").replace("]", "");
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      return Optional.empty();
    } catch (ConnectException | UnknownHostException e) {
      return Optional.of(e);
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
