package dev.drrunbooks.failover;

/**
 * A CloudWatch alarm's state (OK, ALARM, INSUFFICIENT_DATA, or MISSING when no such alarm exists).
 */
public record AlarmState(String alarmName, String region, String state, String reason) {

  public boolean firing() {
    return "ALARM".equals(state);
  }
}
