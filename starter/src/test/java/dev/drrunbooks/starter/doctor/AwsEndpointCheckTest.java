package dev.drrunbooks.starter.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * dr doctor probes each AWS endpoint the environment sets, the global one and the per-service ones,
 * naming the variable of each.
 */
class AwsEndpointCheckTest {
  static CheckResult check(Map<String, String> env) {
    return new Checks(null, env).awsEndpoint();
  }

  @Test
  void noEndpointIsAwsOwn() {
    CheckResult none = check(Map.of("AWS_REGION", "eu-central-1"));
    assertEquals(CheckResult.Status.OK, none.status());
    assertEquals(
        "AWS default endpoints, region eu-central-1; credentials from the default provider chain"
            + " (used by the worker)",
        none.detail());
    CheckResult ignored =
        check(
            Map.of(
                "AWS_ENDPOINT_URL", "http://127.0.0.1:1",
                "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"));
    assertEquals(CheckResult.Status.OK, ignored.status(), ignored.detail());
  }

  @Test
  void eachEndpointSetIsProbedAndOneThatDoesNotAnswerFails() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        e -> {
          e.sendResponseHeaders(404, -1);
          e.close();
        });
    server.start();
    String up = "http://127.0.0.1:" + server.getAddress().getPort();
    try {
      CheckResult ok = check(Map.of("AWS_ENDPOINT_URL", up, "AWS_ENDPOINT_URL_S3", up + "/"));
      assertEquals(CheckResult.Status.OK, ok.status(), ok.detail());
      assertEquals(
          "AWS_ENDPOINT_URL: "
              + up
              + " answers (HTTP 404); AWS_ENDPOINT_URL_S3: "
              + up
              + "/ answers (HTTP 404)",
          ok.detail());
      CheckResult s3Down =
          check(Map.of("AWS_ENDPOINT_URL", up, "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:1"));
      assertEquals(CheckResult.Status.FAIL, s3Down.status(), s3Down.detail());
    } finally {
      server.stop(0);
    }
  }
}
