package dev.drrunbooks.failover;

import io.temporal.activity.ActivityInterface;

/** CloudWatch, read only. */
@ActivityInterface(namePrefix = "CloudWatch")
public interface CloudWatchActivities {

  /**
   * The alarm's state; MISSING (not a failure) when the alarm does not exist, so the run can say
   * so.
   */
  AlarmState alarmState(String region, String alarmName);
}
