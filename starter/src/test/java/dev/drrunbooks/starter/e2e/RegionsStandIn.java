package dev.drrunbooks.starter.e2e;

import dev.drrunbooks.http.LocalEndpoint;
import java.util.Map;

/**
 * Local HTTP endpoints standing in for the catalog's health URLs: the primary and secondary ALBs
 * and the services' public names, mapped with DR_HTTP_ENDPOINT_MAP. Each test sets how they behave.
 */
final class RegionsStandIn implements AutoCloseable {
  final LocalEndpoint primary = LocalEndpoint.healthy();
  final LocalEndpoint secondary = LocalEndpoint.healthy();
  final LocalEndpoint publicName = LocalEndpoint.healthy();

  Map<String, String> endpointMap() {
    String map =
        String.join(
            ",",
            "primary-alb.eu-west-1.elb.amazonaws.com=" + primary.baseUrl(),
            "secondary-alb.eu-central-1.elb.amazonaws.com=" + secondary.baseUrl(),
            "api.mycomputer.com=" + publicName.baseUrl(),
            "locations.mycomputer.com=" + publicName.baseUrl(),
            "payments.mycomputer.com=" + publicName.baseUrl(),
            "customers.mycomputer.com=" + publicName.baseUrl());
    return Map.of("DR_HTTP_ENDPOINT_MAP", map);
  }

  /**
   * The sandbox's mycomputer.com zone (the emulator's ListHostedZonesByName is not AWS's, so list
   * and match).
   */
  static String zoneId(software.amazon.awssdk.services.route53.Route53Client r53) {
    return r53.listHostedZones().hostedZones().stream()
        .filter(z -> z.name().equals("mycomputer.com."))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no mycomputer.com zone in the sandbox"))
        .id();
  }

  void allHealthy() {
    primary.behave(LocalEndpoint.Mode.HEALTHY);
    secondary.behave(LocalEndpoint.Mode.HEALTHY);
    publicName.behave(LocalEndpoint.Mode.HEALTHY);
  }

  @Override
  public void close() {
    primary.close();
    secondary.close();
    publicName.close();
  }
}
