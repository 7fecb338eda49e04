package dev.drrunbooks.aws;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.utils.Lazy;

/**
 * Which endpoint the AWS SDK sends a service's calls to when one is configured, read from the
 * settings the SDK itself reads (the AWS SDKs' common "service-specific endpoints" setting:
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html; in the AWS SDK for
 * Java 2.x, {@code AwsClientEndpointProvider}, whose order this follows). The first found wins:
 *
 * <ol>
 *   <li>the system property {@code aws.endpointUrl<Service>} ({@code aws.endpointUrlS3}), then
 *       {@code aws.endpointUrl};
 *   <li>the variable {@code AWS_ENDPOINT_URL_<SERVICE>} ({@code AWS_ENDPOINT_URL_S3}), then {@code
 *       AWS_ENDPOINT_URL};
 *   <li>the shared config file's profile ({@code AWS_PROFILE}, else {@code default}): {@code
 *       <service>.endpoint_url} of its {@code services} section, its own {@code
 *       <service>.endpoint_url}, its {@code endpoint_url}.
 * </ol>
 *
 * None of them counts when {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS} ({@code
 * aws.ignoreConfiguredEndpointUrls}, the profile's {@code ignore_configured_endpoint_urls}) is
 * true. The SDK routes the calls itself; this only tells {@link AwsClients} what the SDK leaves to
 * it: path-style S3 addressing for an emulator, and which endpoints to log.
 */
public final class AwsEndpoints {
  /**
   * A service as the endpoint settings name it: the variable's suffix (the service id in capitals,
   * spaces as underscores), the system property's (the service id without spaces) and the profile's
   * key (the variable's suffix in lower case). Each client's builder in the SDK carries these.
   */
  public record Service(String name, String variableSuffix, String propertySuffix) {
    public String variable() {
      return GLOBAL_VARIABLE + "_" + variableSuffix;
    }

    public String property() {
      return GLOBAL_PROPERTY + propertySuffix;
    }

    String profileKey() {
      return variableSuffix.toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static final String GLOBAL_VARIABLE = "AWS_ENDPOINT_URL";
  public static final String GLOBAL_PROPERTY = "aws.endpointUrl";

  public static final Service S3 = new Service("s3", "S3", "S3");
  public static final Service RDS = new Service("rds", "RDS", "Rds");
  public static final Service ROUTE53 = new Service("route53", "ROUTE_53", "Route53");
  public static final Service ECS = new Service("ecs", "ECS", "Ecs");
  public static final Service CLOUDFORMATION =
      new Service("cloudformation", "CLOUDFORMATION", "CloudFormation");
  public static final Service CLOUDWATCH = new Service("cloudwatch", "CLOUDWATCH", "CloudWatch");
  public static final Service STS = new Service("sts", "STS", "Sts");
  public static final Service SECRETS_MANAGER =
      new Service("secretsmanager", "SECRETS_MANAGER", "SecretsManager");

  /** The services {@link AwsClients} builds clients for. */
  public static final List<Service> ALL =
      List.of(S3, RDS, ROUTE53, ECS, CLOUDFORMATION, CLOUDWATCH, STS, SECRETS_MANAGER);

  /** An endpoint and the setting it came from (a variable, a property, the profile's key). */
  public record Endpoint(URI uri, String source) {
    @Override
    public String toString() {
      return uri + " (" + source + ")";
    }
  }

  private final Map<String, String> env;
  private final UnaryOperator<String> properties;
  private final Lazy<ProfileFile> profiles;

  /**
   * @param env the environment variables
   * @param properties the system properties
   * @param profiles the shared config and credentials files
   */
  AwsEndpoints(
      Map<String, String> env, UnaryOperator<String> properties, Supplier<ProfileFile> profiles) {
    this.env = env;
    this.properties = properties;
    this.profiles = new Lazy<>(profiles);
  }

  /** This process's: what its clients' builders read. */
  public static AwsEndpoints ofProcess() {
    return new AwsEndpoints(System.getenv(), System::getProperty, ProfileFile::defaultProfileFile);
  }

  /** Where {@code service}'s calls go when configured; empty: AWS's own endpoint. */
  public Optional<Endpoint> of(Service service) {
    if (ignored()) return Optional.empty();
    return first(
        property(service.property()),
        property(GLOBAL_PROPERTY),
        variable(service.variable()),
        variable(GLOBAL_VARIABLE),
        servicesSection(service),
        profile(service.profileKey() + ".endpoint_url"),
        profile("endpoint_url"));
  }

  /** What the settings for every service say (no service-specific one); empty: AWS's own. */
  public Optional<Endpoint> global() {
    if (ignored()) return Optional.empty();
    return first(property(GLOBAL_PROPERTY), variable(GLOBAL_VARIABLE), profile("endpoint_url"));
  }

  /**
   * For logs: the endpoint for every service (or "AWS default endpoints"), then each of {@code
   * services} whose endpoint differs from it.
   */
  public String describe(List<Service> services) {
    Optional<Endpoint> global = global();
    List<String> parts = new ArrayList<>();
    parts.add(global.map(Endpoint::toString).orElse("AWS default endpoints"));
    for (Service s : services) {
      Optional<Endpoint> own = of(s);
      if (!Objects.equals(own.map(Endpoint::uri), global.map(Endpoint::uri)))
        parts.add(
            s.name() + " at " + own.map(Endpoint::toString).orElse("its AWS default endpoint"));
    }
    return String.join("; ", parts);
  }

  private boolean ignored() {
    String setting =
        Optional.ofNullable(properties.apply("aws.ignoreConfiguredEndpointUrls"))
            .orElse(env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"));
    if (setting != null) return setting.trim().equalsIgnoreCase("true");
    return profile()
        .flatMap(p -> p.booleanProperty("ignore_configured_endpoint_urls"))
        .orElse(false);
  }

  @SafeVarargs
  private static Optional<Endpoint> first(Supplier<Optional<Endpoint>>... sources) {
    for (Supplier<Optional<Endpoint>> source : sources) {
      Optional<Endpoint> found = source.get();
      if (found.isPresent()) return found;
    }
    return Optional.empty();
  }

  private Supplier<Optional<Endpoint>> property(String name) {
    return () -> endpoint(properties.apply(name), name);
  }

  private Supplier<Optional<Endpoint>> variable(String name) {
    return () -> endpoint(env.get(name), name);
  }

  private Supplier<Optional<Endpoint>> profile(String key) {
    return () ->
        profile()
            .flatMap(p -> p.property(key).flatMap(v -> endpoint(v, profileName() + " " + key)));
  }

  private Supplier<Optional<Endpoint>> servicesSection(Service service) {
    String key = service.profileKey() + ".endpoint_url";
    return () ->
        profile()
            .flatMap(p -> p.property("services"))
            .flatMap(
                name ->
                    profiles
                        .getValue()
                        .getSection("services", name)
                        .flatMap(
                            section ->
                                section
                                    .property(key)
                                    .flatMap(v -> endpoint(v, "services " + name + " " + key))));
  }

  private Optional<Profile> profile() {
    return profiles.getValue().profile(profileName());
  }

  /** As the SDK's ProfileFileSystemSetting.AWS_PROFILE: the property, the variable, default. */
  private String profileName() {
    String name = properties.apply("aws.profile");
    if (name == null) name = env.get("AWS_PROFILE");
    return name == null ? "default" : name;
  }

  private static Optional<Endpoint> endpoint(String value, String source) {
    return value == null ? Optional.empty() : Optional.of(new Endpoint(URI.create(value), source));
  }
}
