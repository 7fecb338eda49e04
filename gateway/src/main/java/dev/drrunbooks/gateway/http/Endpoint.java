package dev.drrunbooks.gateway.http;

import java.util.function.UnaryOperator;

/**
 * One inbound channel: verifies a request and carries it out. Independent of the HTTP server, so
 * each refusal is testable without one.
 */
public interface Endpoint {
  /**
   * @param body the raw body, exactly as received (signatures are over these bytes)
   * @param header a request header by name (case-insensitive), null when absent
   * @return what to answer with 200, as JSON
   * @throws dev.drrunbooks.gateway.Refusal the 4xx answer
   */
  Object handle(String body, UnaryOperator<String> header);
}
