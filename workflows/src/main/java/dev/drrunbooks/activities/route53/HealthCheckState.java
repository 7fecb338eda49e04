package dev.drrunbooks.activities.route53;

/** A Route53 health check's view: how many of its checkers see the endpoint healthy. */
public record HealthCheckState(
    String healthCheckId, int healthyCheckers, int checkers, String detail) {

  /**
   * Route 53's own rule: healthy when more than 18% of its health checkers report healthy (5 of 16
   * is healthy, 2 of 16 is not). AWS: "How Amazon Route 53 determines whether a health check is
   * healthy",
   * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html
   */
  public boolean healthy() {
    return checkers > 0 && healthyCheckers * 100 > checkers * 18;
  }

  /**
   * The rule before issue 10 (a majority of checkers); only for replaying runs recorded with it.
   */
  public boolean healthyByMajority() {
    return checkers > 0 && healthyCheckers * 2 > checkers;
  }
}
