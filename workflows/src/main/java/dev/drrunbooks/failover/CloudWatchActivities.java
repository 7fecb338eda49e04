package dev.drrunbooks.failover;

import io.temporal.activity.ActivityInterface;

/** CloudWatch, read only: alarms and metric statistics. */
@ActivityInterface(namePrefix = "CloudWatch")
public interface CloudWatchActivities {

  /**
   * The alarm's state; MISSING (not a failure) when the alarm does not exist, so the run can say
   * so.
   */
  AlarmState alarmState(String region, String alarmName);

  /**
   * The largest value of one metric in a time range (GetMetricStatistics, statistic Maximum, one
   * datapoint a period); {@link MetricMaximum#none()} (not a failure) when the range has no
   * datapoint, so the run can say why there may be none. A refused query (a bad dimension, a period
   * that is not a multiple of 60 s) fails non-retryably.
   */
  MetricMaximum metricMaximum(MetricQuery query);
}
