package dev.drrunbooks.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Which endpoint a service's calls go to, from an environment map, system properties and a config
 * file of the test's own, in the order the AWS SDK reads them.
 */
class AwsEndpointsTest {
  private static final ProfileFile NO_FILE = config("");

  private static ProfileFile config(String text) {
    return ProfileFile.builder()
        .content(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
        .type(ProfileFile.Type.CONFIGURATION)
        .build();
  }

  private static AwsEndpoints endpoints(Map<String, String> env) {
    return endpoints(env, Map.of(), NO_FILE);
  }

  private static AwsEndpoints endpoints(
      Map<String, String> env, Map<String, String> properties, ProfileFile file) {
    return new AwsEndpoints(env, properties::get, () -> file);
  }

  private static String uri(Optional<AwsEndpoints.Endpoint> e) {
    return e.map(x -> x.uri() + " from " + x.source()).orElse("AWS's own");
  }

  @Test
  void noneConfiguredIsAwsOwnForEveryService() {
    AwsEndpoints none = endpoints(Map.of("AWS_REGION", "eu-west-1"));
    for (AwsEndpoints.Service s : AwsEndpoints.ALL) assertEquals("AWS's own", uri(none.of(s)));
    assertEquals("AWS's own", uri(none.global()));
    assertEquals("AWS default endpoints", none.describe(AwsEndpoints.ALL));
  }

  @Test
  void theGlobalVariableSendsEveryServiceToOneEndpoint() {
    AwsEndpoints global = endpoints(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:5000"));
    for (AwsEndpoints.Service s : AwsEndpoints.ALL)
      assertEquals("http://127.0.0.1:5000 from AWS_ENDPOINT_URL", uri(global.of(s)), s.name());
    assertEquals("http://127.0.0.1:5000 (AWS_ENDPOINT_URL)", global.describe(AwsEndpoints.ALL));
  }

  @Test
  void aServiceVariableWinsOverTheGlobalOneForItsServiceOnly() {
    AwsEndpoints both =
        endpoints(
            Map.of(
                "AWS_ENDPOINT_URL", "http://127.0.0.1:5000",
                "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000",
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:5000"));
    assertEquals("http://127.0.0.1:9000 from AWS_ENDPOINT_URL_S3", uri(both.of(AwsEndpoints.S3)));
    assertEquals("http://127.0.0.1:5000 from AWS_ENDPOINT_URL", uri(both.of(AwsEndpoints.RDS)));
    // The same address as the global one is not listed again.
    assertEquals(
        "http://127.0.0.1:5000 (AWS_ENDPOINT_URL); s3 at http://127.0.0.1:9000"
            + " (AWS_ENDPOINT_URL_S3)",
        both.describe(AwsEndpoints.ALL));

    AwsEndpoints s3Only = endpoints(Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000"));
    assertEquals("AWS's own", uri(s3Only.of(AwsEndpoints.RDS)));
    assertEquals(
        "AWS default endpoints; s3 at http://127.0.0.1:9000 (AWS_ENDPOINT_URL_S3)",
        s3Only.describe(AwsEndpoints.ALL));
    assertEquals(
        "AWS default endpoints; route53 at http://r53 (AWS_ENDPOINT_URL_ROUTE_53)",
        endpoints(Map.of("AWS_ENDPOINT_URL_ROUTE_53", "http://r53")).describe(AwsEndpoints.ALL));
  }

  @Test
  void systemPropertiesComeBeforeVariablesAsInTheSdk() {
    AwsEndpoints e =
        endpoints(
            Map.of("AWS_ENDPOINT_URL_S3", "http://env-s3", "AWS_ENDPOINT_URL", "http://env"),
            Map.of("aws.endpointUrl", "http://prop"),
            NO_FILE);
    // aws.endpointUrlS3, aws.endpointUrl, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL
    assertEquals("http://prop from aws.endpointUrl", uri(e.of(AwsEndpoints.S3)));
    AwsEndpoints s3Prop =
        endpoints(
            Map.of("AWS_ENDPOINT_URL", "http://env"),
            Map.of("aws.endpointUrlS3", "http://prop-s3"),
            NO_FILE);
    assertEquals("http://prop-s3 from aws.endpointUrlS3", uri(s3Prop.of(AwsEndpoints.S3)));
    assertEquals("http://env from AWS_ENDPOINT_URL", uri(s3Prop.of(AwsEndpoints.RDS)));
  }

  @Test
  void theConfigFilesProfileComesLast() {
    ProfileFile file =
        config(
            """
            [default]
            endpoint_url = http://default-profile

            [profile emulator]
            endpoint_url = http://emulator
            services = local

            [services local]
            s3 =
              endpoint_url = http://emulator-s3
            """);
    AwsEndpoints byDefault = endpoints(Map.of(), Map.of(), file);
    assertEquals("http://default-profile from default endpoint_url", uri(byDefault.global()));
    AwsEndpoints emulator = endpoints(Map.of("AWS_PROFILE", "emulator"), Map.of(), file);
    assertEquals(
        "http://emulator-s3 from services local s3.endpoint_url",
        uri(emulator.of(AwsEndpoints.S3)));
    assertEquals("http://emulator from emulator endpoint_url", uri(emulator.of(AwsEndpoints.ECS)));
    AwsEndpoints variableFirst =
        endpoints(
            Map.of("AWS_PROFILE", "emulator", "AWS_ENDPOINT_URL", "http://env"), Map.of(), file);
    assertEquals("http://env from AWS_ENDPOINT_URL", uri(variableFirst.of(AwsEndpoints.S3)));
  }

  @Test
  void ignoringConfiguredEndpointsLeavesAwsOwn() {
    AwsEndpoints ignored =
        endpoints(
            Map.of(
                "AWS_ENDPOINT_URL", "http://127.0.0.1:5000",
                "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"));
    assertEquals("AWS's own", uri(ignored.of(AwsEndpoints.S3)));
    assertEquals("AWS default endpoints", ignored.describe(AwsEndpoints.ALL));
    AwsEndpoints byProfile =
        endpoints(
            Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:5000"),
            Map.of(),
            config("[default]\nignore_configured_endpoint_urls = true\n"));
    assertEquals("AWS's own", uri(byProfile.of(AwsEndpoints.S3)));
  }

  @Test
  void theVariableAndPropertyNamesFollowTheServiceIds() {
    assertEquals(
        List.of(
            "AWS_ENDPOINT_URL_S3",
            "AWS_ENDPOINT_URL_RDS",
            "AWS_ENDPOINT_URL_ROUTE_53",
            "AWS_ENDPOINT_URL_ECS",
            "AWS_ENDPOINT_URL_CLOUDFORMATION",
            "AWS_ENDPOINT_URL_CLOUDWATCH",
            "AWS_ENDPOINT_URL_STS",
            "AWS_ENDPOINT_URL_SECRETS_MANAGER"),
        AwsEndpoints.ALL.stream().map(AwsEndpoints.Service::variable).toList());
    assertTrue(AwsEndpoints.ALL.stream().allMatch(s -> s.property().startsWith("aws.endpointUrl")));
  }
}
