package dev.drrunbooks.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** DR_HTTP_ENDPOINT_MAP: which URLs are rerouted and how. */
class EndpointMapTest {
  private final EndpointMap map =
      EndpointMap.parse(
          "api.mycomputer.com=http://127.0.0.1:18080,primary-alb.eu-west-1.elb.amazonaws.com=http://127.0.0.1:18081");

  @Test
  void aMappedHostGetsTheTargetsSchemeHostAndPortAndKeepsPathAndQuery() {
    assertEquals(
        URI.create("http://127.0.0.1:18080/health"),
        map.map(URI.create("https://api.mycomputer.com/health")));
    assertEquals(
        URI.create("http://127.0.0.1:18080/health?deep=1&x=a%20b"),
        map.map(URI.create("https://api.mycomputer.com:443/health?deep=1&x=a%20b")));
    assertEquals(
        URI.create("http://127.0.0.1:18081/health"),
        map.map(URI.create("https://PRIMARY-ALB.eu-west-1.elb.amazonaws.com/health")));
    assertEquals(
        URI.create("http://127.0.0.1:18080/"), map.map(URI.create("https://api.mycomputer.com")));
  }

  @Test
  void anUnmappedUrlIsLeftAsItIs() {
    URI other = URI.create("https://payments.mycomputer.com/health");
    assertSame(other, map.map(other));
    assertSame(other, EndpointMap.none().map(other));
    assertSame(other, EndpointMap.parse("  ").map(other));
    assertSame(other, EndpointMap.parse(null).map(other));
  }

  @Test
  void aHostPortKeyMapsOnlyThatPortAndATargetPathIsAPrefix() {
    EndpointMap m =
        EndpointMap.parse(
            "api.mycomputer.com:8443=http://127.0.0.1:9000/api; customers.mycomputer.com="
                + "http://localhost:9001/");
    assertEquals(
        URI.create("http://127.0.0.1:9000/api/health"),
        m.map(URI.create("https://api.mycomputer.com:8443/health")));
    URI defaultPort = URI.create("https://api.mycomputer.com/health");
    assertSame(defaultPort, m.map(defaultPort));
    assertEquals(
        URI.create("http://localhost:9001/health"),
        m.map(URI.create("https://customers.mycomputer.com/health")));
  }

  @Test
  void aBadEntryIsRefusedNamingIt() {
    for (String spec :
        new String[] {
          "api.mycomputer.com",
          "api.mycomputer.com=",
          "=http://127.0.0.1:1",
          "api.mycomputer.com=127.0.0.1:18080",
          "api.mycomputer.com=ftp://127.0.0.1",
          "api.mycomputer.com=http://a b"
        }) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> EndpointMap.parse(spec), spec);
      assertTrue(
          e.getMessage().contains(spec.trim()) && e.getMessage().contains(EndpointMap.ENV),
          e.getMessage());
    }
  }
}
