package dev.drrunbooks.aws;

import dev.drrunbooks.catalog.AccountSpec;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
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
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * One client per service, region and account, built once and shared by every activity. Credentials
 * come from the default provider chain. Endpoints are the SDK's own configuration: {@code
 * AWS_ENDPOINT_URL} sends every client to one endpoint (the sandbox's AWS emulator, LocalStack),
 * {@code AWS_ENDPOINT_URL_<SERVICE>} one service ({@code AWS_ENDPOINT_URL_S3}), as do the {@code
 * aws.endpointUrl*} system properties and {@code endpoint_url} in the shared config file
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html; {@link
 * AwsEndpoints}), so nothing is wired to a particular emulator. What an emulator needs beyond its
 * address is set here for a service whose endpoint is configured: path-style S3 addressing.
 *
 * <p>Accounts: an activity acts in the account its run names ({@link AwsCallContext}). When the
 * catalog gives that account a role ({@link #useAccounts}) and it is not the default credentials'
 * own account (STS GetCallerIdentity, which needs no permission:
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html), its clients use
 * the role ({@link AssumedRoleCredentials}); otherwise the default credentials.
 */
public final class AwsClients implements AutoCloseable {
  private final URI endpoint;
  private final AwsEndpoints endpoints = AwsEndpoints.ofProcess();
  private final AwsCredentialsProvider credentials;
  private final SdkHttpClient http = ApacheHttpClient.builder().maxConnections(32).build();
  private final Map<String, AutoCloseable> clients = new ConcurrentHashMap<>();
  private final Map<String, AssumedRoleCredentials> assumed = new ConcurrentHashMap<>();
  private volatile Map<String, AccountSpec> accounts = Map.of();
  private volatile String callerAccount;

  /**
   * @param endpointOrNull one endpoint for every client, over the SDK's configuration (tests
   *     against the sandbox, which read its address from its env file); null: the SDK's
   *     configuration
   */
  public AwsClients(URI endpointOrNull, AwsCredentialsProvider credentials) {
    this.endpoint = endpointOrNull;
    this.credentials = credentials;
  }

  /**
   * From the environment: the endpoints the SDK reads itself ({@link AwsEndpoints}) and the default
   * credential chain.
   */
  public static AwsClients fromEnvironment() {
    return new AwsClients(null, DefaultCredentialsProvider.builder().build());
  }

  /**
   * The catalog's roles by account id ({@code accounts}): an activity of a run in one of these
   * accounts, other than the default credentials' own, acts through its role.
   */
  public void useAccounts(Map<String, AccountSpec> byAccountId) {
    this.accounts = byAccountId == null ? Map.of() : Map.copyOf(byAccountId);
  }

  /**
   * Where the clients send requests, for logs: the endpoint for every service (or "AWS default
   * endpoints") and the setting it comes from, then each service whose endpoint differs.
   */
  public String describeEndpoint() {
    return endpoint != null ? endpoint.toString() : endpoints.describe(AwsEndpoints.ALL);
  }

  /** Whether {@code service}'s calls go to a configured endpoint rather than AWS's own. */
  private boolean overridden(AwsEndpoints.Service service) {
    return endpoint != null || endpoints.of(service).isPresent();
  }

  public RdsClient rds(String region) {
    return client("rds", region, (r, c) -> configure(RdsClient.builder(), r, c).build());
  }

  public S3Client s3(String region) {
    // Path-style addressing when S3's endpoint is configured: emulators do not resolve
    // bucket.host names.
    return client(
        "s3",
        region,
        (r, c) ->
            configure(S3Client.builder(), r, c)
                .forcePathStyle(overridden(AwsEndpoints.S3))
                .build());
  }

  public Route53Client route53() {
    return client(
        "route53", "aws-global", (r, c) -> configure(Route53Client.builder(), r, c).build());
  }

  public EcsClient ecs(String region) {
    return client("ecs", region, (r, c) -> configure(EcsClient.builder(), r, c).build());
  }

  public CloudFormationClient cloudFormation(String region) {
    return client(
        "cloudformation",
        region,
        (r, c) -> configure(CloudFormationClient.builder(), r, c).build());
  }

  /**
   * The SDK speaks CloudWatch's RPC v2 CBOR protocol; moto answers only JSON 1.0 and Query. The
   * sandbox's jar carries a translating interceptor that the SDK installs in every client by itself
   * (a global interceptor, listed on the class path); nothing here knows of it.
   */
  public CloudWatchClient cloudWatch(String region) {
    return client(
        "cloudwatch", region, (r, c) -> configure(CloudWatchClient.builder(), r, c).build());
  }

  /** STS with the default credentials: what assumes the catalog's roles. */
  public StsClient sts(String region) {
    return defaultCredentialsClient(
        "sts", region, r -> configure(StsClient.builder(), r, credentials).build());
  }

  public SecretsManagerClient secretsManager(String region) {
    return client(
        "secretsmanager",
        region,
        (r, c) -> configure(SecretsManagerClient.builder(), r, c).build());
  }

  /** Systems Manager (Parameter Store) of {@code region}: a parameter belongs to one region. */
  public SsmClient ssm(String region) {
    return client("ssm", region, (r, c) -> configure(SsmClient.builder(), r, c).build());
  }

  /**
   * The account a call made now from this thread acts in: its run's account when the catalog gives
   * it a role, else the default credentials' own account.
   */
  public String accountOfCalls(String region) {
    String role = roleAccount(region);
    return role != null ? role : callerAccount(region);
  }

  /**
   * The client of {@code service} in {@code region} for the account the calling activity acts in:
   * the default credentials' client, or one with the account's role.
   */
  private <C extends AutoCloseable> C client(
      String service, String region, BiFunction<String, AwsCredentialsProvider, C> build) {
    String account = roleAccount(region);
    if (account == null) {
      return defaultCredentialsClient(service, region, r -> build.apply(r, credentials));
    }
    AssumedRoleCredentials role =
        assumed.computeIfAbsent(
            account + "@" + region,
            k ->
                new AssumedRoleCredentials(account, accounts.get(account), sts(stsRegion(region))));
    return cached(service + "@" + region + "@" + account, () -> build.apply(region, role));
  }

  private <C extends AutoCloseable> C defaultCredentialsClient(
      String service, String region, Function<String, C> build) {
    return cached(service + "@" + region, () -> build.apply(region));
  }

  @SuppressWarnings("unchecked")
  private <C extends AutoCloseable> C cached(String key, java.util.function.Supplier<C> build) {
    return (C) clients.computeIfAbsent(key, k -> build.get());
  }

  /**
   * The account whose role the calling activity's clients use, or null for the default credentials:
   * no activity context, no account named, no role in the catalog for it, or the default
   * credentials' own account.
   */
  private String roleAccount(String region) {
    AwsCallContext context = AwsCallContext.current();
    if (context == null || context.accountId() == null) return null;
    if (!accounts.containsKey(context.accountId())) return null;
    return context.accountId().equals(callerAccount(region)) ? null : context.accountId();
  }

  private String callerAccount(String region) {
    String known = callerAccount;
    if (known == null) {
      known = sts(stsRegion(region)).getCallerIdentity().account();
      callerAccount = known;
    }
    return known;
  }

  /** Route53's pseudo-region has no regional STS endpoint: its role is assumed in us-east-1. */
  private static String stsRegion(String region) {
    return "aws-global".equals(region) ? "us-east-1" : region;
  }

  private <B extends AwsClientBuilder<B, ?>> B configure(
      B builder, String region, AwsCredentialsProvider credentialsProvider) {
    builder.region(Region.of(region)).credentialsProvider(credentialsProvider);
    // Only a test's explicit endpoint: otherwise the SDK finds the configured one itself.
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
    assumed.values().forEach(AssumedRoleCredentials::close);
    http.close();
  }
}
