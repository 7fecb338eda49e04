package dev.drrunbooks.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Real SDK clients of {@link AwsClients} against two tiny HTTP servers: which one receives a call
 * is decided by the SDK's own endpoint configuration, and S3 uses path-style addressing when its
 * endpoint is configured.
 *
 * <p>The SDK reads the process environment itself, with no way to hand it a map (its only hook is
 * internal and meant for its own tests), and a running JVM cannot change its environment. So these
 * tests use the system properties the SDK reads before the variables, one for one ({@code
 * aws.endpointUrlS3} for AWS_ENDPOINT_URL_S3, {@code aws.endpointUrl} for AWS_ENDPOINT_URL), set
 * for each test and restored after it; {@link AwsEndpointsTest} covers the variables by name. The
 * config files are the test's own empty ones, so a developer's ~/.aws/config changes nothing.
 */
class AwsClientsEndpointsTest {
  private static final List<String> PROPERTIES =
      List.of(
          "aws.endpointUrl", "aws.endpointUrlS3", "aws.configFile", "aws.sharedCredentialsFile");

  @TempDir Path dir;
  private final Map<String, String> saved = new HashMap<>();
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

  @BeforeEach
  void hermetic() throws Exception {
    assumeTrue(
        System.getenv().keySet().stream().noneMatch(k -> k.startsWith("AWS_ENDPOINT_URL")),
        "this process's environment sets an AWS endpoint, which the system properties would hide"
            + " only in part");
    for (String p : PROPERTIES) saved.put(p, System.getProperty(p));
    System.setProperty("aws.configFile", Files.writeString(dir.resolve("config"), "").toString());
    System.setProperty(
        "aws.sharedCredentialsFile", Files.writeString(dir.resolve("credentials"), "").toString());
  }

  @AfterEach
  void restore() {
    saved.forEach(
        (p, v) -> {
          if (v == null) System.clearProperty(p);
          else System.setProperty(p, v);
        });
    servers.forEach(s -> s.stop(0));
  }

  /**
   * A local HTTP server and what it received: "METHOD path" of each request. Named localhost, not
   * 127.0.0.1: S3 addresses a bucket by path at an IP address whatever its settings say.
   */
  private record Server(int port, List<String> received) {
    String url() {
      return "http://localhost:" + port;
    }
  }

  /**
   * A server that answers every request 200 (an empty result), named by the system property {@code
   * property} as an endpoint.
   */
  private Server server(String property) throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
          exchange.getRequestBody().readAllBytes();
          byte[] body =
              exchange.getRequestMethod().equals("HEAD")
                  ? new byte[0]
                  : "<Response/>".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    servers.add(server);
    Server s = new Server(server.getAddress().getPort(), received);
    System.setProperty(property, s.url());
    return s;
  }

  private static AwsClients clients() {
    return new AwsClients(
        null, StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
  }

  private static void ignoringTheAnswer(Runnable call) {
    try {
      call.run();
    } catch (SdkException answerNotUnderstood) {
      // Which server received the call is the point, not what it answered.
    }
  }

  @Test
  void theServiceSpecificEndpointWinsForItsServiceAndS3IsAddressedByPath() throws Exception {
    Server global = server("aws.endpointUrl");
    Server s3 = server("aws.endpointUrlS3");
    try (AwsClients aws = clients()) {
      ignoringTheAnswer(() -> aws.s3("eu-west-1").headBucket(b -> b.bucket("dr-drills")));
      ignoringTheAnswer(() -> aws.rds("eu-west-1").describeDBInstances());
      assertEquals(List.of("HEAD /dr-drills"), s3.received());
      assertEquals(List.of("POST /"), global.received());
      assertEquals(
          global.url() + " (aws.endpointUrl); s3 at " + s3.url() + " (aws.endpointUrlS3)",
          aws.describeEndpoint());
    }
  }

  @Test
  void theGlobalEndpointAloneTakesEveryService() throws Exception {
    Server global = server("aws.endpointUrl");
    try (AwsClients aws = clients()) {
      ignoringTheAnswer(() -> aws.s3("eu-west-1").headBucket(b -> b.bucket("dr-drills")));
      ignoringTheAnswer(() -> aws.rds("eu-west-1").describeDBInstances());
      assertEquals(List.of("HEAD /dr-drills", "POST /"), global.received());
    }
  }

  @Test
  void anS3EndpointAloneTakesS3AndLeavesTheOthersOnAws() throws Exception {
    Server s3 = server("aws.endpointUrlS3");
    try (AwsClients aws = clients()) {
      ignoringTheAnswer(() -> aws.s3("eu-west-1").headBucket(b -> b.bucket("dr-drills")));
      assertEquals(List.of("HEAD /dr-drills"), s3.received());
      assertEquals(Optional.empty(), endpointOf(aws.rds("eu-west-1")));
      assertEquals(
          "AWS default endpoints; s3 at " + s3.url() + " (aws.endpointUrlS3)",
          aws.describeEndpoint());
    }
  }

  @Test
  void noneConfiguredLeavesEveryClientOnAwsOwnEndpoints() {
    try (AwsClients aws = clients()) {
      assertEquals(Optional.empty(), endpointOf(aws.s3("eu-west-1")));
      assertEquals(Optional.empty(), endpointOf(aws.rds("eu-west-1")));
      assertEquals(Optional.empty(), endpointOf(aws.route53()));
      assertEquals("AWS default endpoints", aws.describeEndpoint());
    }
  }

  /**
   * Each service's property name is the one its SDK client reads: a client built while it is set
   * reports it as its endpoint override.
   */
  @Test
  void eachServicesPropertyIsTheOneItsClientReads() {
    try (AwsClients aws = clients()) {
      Map<AwsEndpoints.Service, Function<AwsClients, SdkClient>> built =
          Map.of(
              AwsEndpoints.S3, a -> a.s3("eu-west-1"),
              AwsEndpoints.RDS, a -> a.rds("eu-west-1"),
              AwsEndpoints.ROUTE53, AwsClients::route53,
              AwsEndpoints.ECS, a -> a.ecs("eu-west-1"),
              AwsEndpoints.CLOUDFORMATION, a -> a.cloudFormation("eu-west-1"),
              AwsEndpoints.CLOUDWATCH, a -> a.cloudWatch("eu-west-1"),
              AwsEndpoints.STS, a -> a.sts("eu-west-1"),
              AwsEndpoints.SECRETS_MANAGER, a -> a.secretsManager("eu-west-1"));
      assertEquals(AwsEndpoints.ALL.size(), built.size());
      for (AwsEndpoints.Service s : AwsEndpoints.ALL) {
        String url = "http://" + s.name() + ".test:1";
        String before = System.getProperty(s.property());
        System.setProperty(s.property(), url);
        try {
          assertEquals(
              Optional.of(URI.create(url)), endpointOf(built.get(s).apply(aws)), s.property());
        } finally {
          if (before == null) System.clearProperty(s.property());
          else System.setProperty(s.property(), before);
        }
      }
    }
  }

  private static Optional<URI> endpointOf(SdkClient client) {
    return client.serviceClientConfiguration().endpointOverride();
  }
}
