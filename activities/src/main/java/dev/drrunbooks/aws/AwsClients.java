package dev.drrunbooks.aws;

import dev.drrunbooks.aws.cloudwatch.CloudWatchJsonProtocol;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * One client per service and region, built once and shared by every activity. Credentials come from
 * the default provider chain; {@code AWS_ENDPOINT_URL}, when set, sends every client to that
 * endpoint (the sandbox's AWS emulator, LocalStack), so nothing is wired to a particular emulator.
 */
public final class AwsClients implements AutoCloseable {
  private final URI endpoint;
  private final AwsCredentialsProvider credentials;
  private final SdkHttpClient http = ApacheHttpClient.builder().maxConnections(32).build();
  private final Map<String, AutoCloseable> clients = new ConcurrentHashMap<>();

  public AwsClients(URI endpointOrNull, AwsCredentialsProvider credentials) {
    this.endpoint = endpointOrNull;
    this.credentials = credentials;
  }

  /** From the environment: AWS_ENDPOINT_URL (optional) and the default credential chain. */
  public static AwsClients fromEnvironment() {
    String url = System.getenv("AWS_ENDPOINT_URL");
    return new AwsClients(
        url == null || url.isBlank() ? null : URI.create(url.trim()),
        DefaultCredentialsProvider.builder().build());
  }

  /** Where the clients send requests, for logs: the override or "AWS default endpoints". */
  public String describeEndpoint() {
    return endpoint == null ? "AWS default endpoints" : endpoint.toString();
  }

  public RdsClient rds(String region) {
    return client("rds", region, r -> configure(RdsClient.builder(), r).build());
  }

  public S3Client s3(String region) {
    // Path-style addressing when an endpoint is overridden: emulators do not resolve bucket.host
    // names.
    return client(
        "s3",
        region,
        r -> configure(S3Client.builder(), r).forcePathStyle(endpoint != null).build());
  }

  public Route53Client route53() {
    return client("route53", "aws-global", r -> configure(Route53Client.builder(), r).build());
  }

  public EcsClient ecs(String region) {
    return client("ecs", region, r -> configure(EcsClient.builder(), r).build());
  }

  public CloudFormationClient cloudFormation(String region) {
    return client(
        "cloudformation", region, r -> configure(CloudFormationClient.builder(), r).build());
  }

  public CloudWatchClient cloudWatch(String region) {
    return client(
        "cloudwatch",
        region,
        r -> {
          var builder = configure(CloudWatchClient.builder(), r);
          // The SDK speaks CloudWatch's CBOR protocol; emulators (moto) answer only JSON 1.0 and
          // Query.
          if (endpoint != null)
            builder.overrideConfiguration(
                o -> o.addExecutionInterceptor(new CloudWatchJsonProtocol()));
          return builder.build();
        });
  }

  public StsClient sts(String region) {
    return client("sts", region, r -> configure(StsClient.builder(), r).build());
  }

  public SecretsManagerClient secretsManager(String region) {
    return client(
        "secretsmanager", region, r -> configure(SecretsManagerClient.builder(), r).build());
  }

  @SuppressWarnings("unchecked")
  private <C extends AutoCloseable> C client(
      String service, String region, Function<String, C> build) {
    return (C) clients.computeIfAbsent(service + "@" + region, k -> build.apply(region));
  }

  private <B extends AwsClientBuilder<B, ?>> B configure(B builder, String region) {
    builder.region(Region.of(region)).credentialsProvider(credentials);
    if (endpoint != null) builder.endpointOverride(endpoint);
    if (builder
        instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
      sync.httpClient(http);
    }
    return builder;
  }

  @Override
  public void close() {
    clients
        .values()
        .forEach(
            c -> {
              try {
                c.close();
              } catch (Exception ignored) {
                // closing on shutdown: nothing left to do with a failure here
              }
            });
    http.close();
  }
}
