package dev.drrunbooks.starter;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NothingListensTest {
  private static final Duration QUICK = Duration.ofSeconds(2);

  @Test
  void aClosedPortIsRefusedAtOnce() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    assertInstanceOf(
        ConnectException.class, NothingListens.at("127.0.0.1:" + port, QUICK).orElseThrow());
  }

  @Test
  void aListeningPortIsLeftToTheHealthCheck() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertTrue(NothingListens.at("127.0.0.1:" + s.getLocalPort(), QUICK).isEmpty());
    }
  }

  @Test
  void anAddressThatIsNotHostAndPortIsLeftToTheHealthCheck() {
    assertTrue(NothingListens.at("dns:///temporal:7233", QUICK).isEmpty());
    assertTrue(NothingListens.at("temporal", QUICK).isEmpty());
    assertTrue(NothingListens.at("temporal:http", QUICK).isEmpty());
    assertTrue(NothingListens.at(null, QUICK).isEmpty());
  }
}
