package dev.drrunbooks.gateway.http;

import dev.drrunbooks.gateway.steer.CommandRunner;
import dev.drrunbooks.gateway.verify.GenericSignature;
import java.util.function.UnaryOperator;

/**
 * {@code POST /v1/generic}: any bot that holds the shared secret; signed as {@link
 * GenericSignature} says, body as {@link GenericRequest} says; answers {@link
 * dev.drrunbooks.gateway.steer.Answer}.
 */
public final class GenericEndpoint implements Endpoint {
  private final GenericSignature signature;
  private final CommandRunner runner;

  public GenericEndpoint(GenericSignature signature, CommandRunner runner) {
    this.signature = signature;
    this.runner = runner;
  }

  @Override
  public Object handle(String body, UnaryOperator<String> header) {
    signature.verify(
        header.apply(GenericSignature.TIMESTAMP),
        header.apply(GenericSignature.NONCE),
        header.apply(GenericSignature.SIGNATURE),
        body);
    return runner.run(GenericRequest.parse(body));
  }
}
