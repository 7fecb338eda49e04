package dev.drrunbooks.activities.notify;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * Delivers a run's {@link Notification} to every channel the worker is configured with (Slack,
 * PagerDuty Events API v2, the generic webhook). A channel that does not accept it fails the
 * attempt, so Temporal retries; a retried attempt posts the same event again, and receivers key on
 * the run id (PagerDuty's dedup key) or the notification's key.
 */
@ActivityInterface(namePrefix = "Notify")
public interface NotificationActivities {

  /**
   * @return one line per channel, e.g. "slack: HTTP 200", "pagerduty: skipped (phase change)"; a
   *     single "no channel configured" line when the worker has none
   */
  List<String> send(Notification notification);
}
