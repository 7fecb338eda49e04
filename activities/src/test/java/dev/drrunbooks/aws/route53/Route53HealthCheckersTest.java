package dev.drrunbooks.aws.route53;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drrunbooks.activities.route53.HealthCheckState;
import dev.drrunbooks.catalog.DnsRecordSpec;
import dev.drrunbooks.catalog.HealthCheckRef;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.GetHealthCheckRequest;
import software.amazon.awssdk.services.route53.model.GetHealthCheckResponse;
import software.amazon.awssdk.services.route53.model.GetHealthCheckStatusRequest;
import software.amazon.awssdk.services.route53.model.GetHealthCheckStatusResponse;
import software.amazon.awssdk.services.route53.model.HealthCheckObservation;
import software.amazon.awssdk.services.route53.model.HealthCheckType;

/**
 * The real {@link Route53ActivitiesImpl#healthCheckStatus} against a scripted Route 53 whose 16
 * health checkers report as told: moto does not model checkers' observations (its health checks are
 * always healthy). Models "How Amazon Route 53 determines whether a health check is healthy":
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html
 * (healthy when more than 18% of health checkers report healthy).
 */
class Route53HealthCheckersTest {
  private static final String[] CHECKER_REGIONS = {
    "us-east-1",
    "us-west-1",
    "us-west-2",
    "eu-west-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-northeast-1",
    "sa-east-1"
  };

  /**
   * GetHealthCheck and GetHealthCheckStatus only; every other call throws (the SDK interface's
   * defaults).
   */
  static final class ScriptedCheckers implements Route53Client {
    private final int succeeding;

    ScriptedCheckers(int succeeding) {
      this.succeeding = succeeding;
    }

    @Override
    public GetHealthCheckResponse getHealthCheck(GetHealthCheckRequest request) {
      return GetHealthCheckResponse.builder()
          .healthCheck(
              h ->
                  h.id(request.healthCheckId())
                      .callerReference("ref")
                      .healthCheckConfig(
                          c ->
                              c.type(HealthCheckType.HTTPS)
                                  .fullyQualifiedDomainName("api.mycomputer.com")
                                  .port(443)
                                  .resourcePath("/health")))
          .build();
    }

    /**
     * 16 observations (two checkers in each of 8 regions), the first {@code succeeding} report
     * Success.
     */
    @Override
    public GetHealthCheckStatusResponse getHealthCheckStatus(GetHealthCheckStatusRequest request) {
      List<HealthCheckObservation> observations = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        String status =
            i < succeeding
                ? "Success: HTTP Status Code 200, OK"
                : "Failure: HTTP Status Code 503, Service Unavailable";
        observations.add(
            HealthCheckObservation.builder()
                .region(CHECKER_REGIONS[i / 2])
                .ipAddress("15.177.0." + i)
                .statusReport(r -> r.status(status))
                .build());
      }
      return GetHealthCheckStatusResponse.builder().healthCheckObservations(observations).build();
    }

    @Override
    public String serviceName() {
      return "route53";
    }

    @Override
    public void close() {}
  }

  private static HealthCheckState status(int succeeding) {
    Route53ActivitiesImpl activities =
        new Route53ActivitiesImpl(
            () -> new ScriptedCheckers(succeeding), Route53ActivitiesImpl.DNS_POLLING);
    DnsRecordSpec record =
        new DnsRecordSpec(
            "mycomputer.com",
            "api.mycomputer.com",
            "A",
            null,
            null,
            new HealthCheckRef("hc-api", null, null));
    return activities.healthCheckStatus(record);
  }

  @Test
  void fiveOfSixteenCheckersHealthyIsHealthy() {
    HealthCheckState state = status(5);
    assertEquals(5, state.healthyCheckers());
    assertEquals(16, state.checkers());
    assertTrue(state.healthy(), state.toString());
    assertFalse(state.healthyByMajority(), "the old rule would have called it unhealthy");
    assertTrue(
        state
            .detail()
            .startsWith(
                "HTTPS api.mycomputer.com:443/health: 5/16 checkers report Success "
                    + "(healthy: more than 18%); "),
        state.detail());
  }

  @Test
  void threeOfSixteenIsJustOverEighteenPercent() {
    assertTrue(status(3).healthy()); // 18.75%
  }

  @Test
  void twoOfSixteenCheckersHealthyIsUnhealthy() {
    HealthCheckState state = status(2);
    assertFalse(state.healthy(), state.toString()); // 12.5%
    assertTrue(
        state.detail().contains("2/16 checkers report Success (unhealthy: 18% or fewer)"),
        state.detail());
  }
}
