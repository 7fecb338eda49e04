package dev.drrunbooks.sandbox.temporal;

import dev.drrunbooks.model.SearchAttributes;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.util.concurrent.CountDownLatch;

/**
 * The sandbox's fallback when the Temporal CLI cannot be built: the SDK's in-memory test server on
 * a port. It keeps nothing across restarts and has no Web UI. deploy/local/sandbox runs it from the
 * sandbox's jar: {@code java -cp sandbox/target/dr-sandbox.jar
 * dev.drrunbooks.sandbox.temporal.InMemoryTemporalServer PORT}.
 */
public final class InMemoryTemporalServer {
  private InMemoryTemporalServer() {}

  public static void main(String[] args) throws InterruptedException {
    int port = Integer.parseInt(args[0]);
    TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, false);
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + port)
                .validateAndBuildWithDefaults());
    AddSearchAttributesRequest.Builder attributes =
        AddSearchAttributesRequest.newBuilder().setNamespace("default");
    for (SearchAttributeKey<?> key : SearchAttributes.ALL)
      attributes.putSearchAttributes(key.getName(), key.getValueType());
    operator.blockingStub().addSearchAttributes(attributes.build());
    System.out.println(
        "WARNING: in-memory Temporal test server on 127.0.0.1:"
            + port
            + ": it keeps nothing across restarts and has no Web UI");
    CountDownLatch forever = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  operator.shutdownNow();
                  try {
                    server.close();
                  } catch (Exception ignored) {
                    // exiting anyway
                  }
                  forever.countDown();
                }));
    forever.await();
  }
}
