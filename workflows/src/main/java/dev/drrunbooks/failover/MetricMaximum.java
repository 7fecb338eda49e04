package dev.drrunbooks.failover;

/**
 * The Maximum statistic of a {@link MetricQuery}: the largest value CloudWatch holds in the range.
 *
 * @param maximum the largest datapoint's Maximum, in {@code unit}; null when the range has no
 *     datapoint (the metric is not published there, or nothing was measured)
 * @param unit the datapoints' unit as CloudWatch names it, e.g. {@code Seconds}; null without a
 *     datapoint
 * @param datapoints how many periods of the range have a datapoint
 */
public record MetricMaximum(Double maximum, String unit, int datapoints) {

  /** The range has no datapoint. */
  public static MetricMaximum none() {
    return new MetricMaximum(null, null, 0);
  }
}
