package dev.drrunbooks.activities.dns;

/** A Route53 health check's view: how many of its checkers see the endpoint healthy. */
public record HealthCheckState(String healthCheckId, int healthyCheckers, int checkers, String detail) {

  public boolean healthy() {
    return checkers > 0 && healthyCheckers * 2 > checkers;
  }
}
