package dev.drrunbooks.activities.http;

import io.temporal.activity.ActivityInterface;

/**
 * Tells people that an incident missed a phase deadline: posts to the configured escalation webhook
 * (a pager, a chat channel, an incident bot). One call per missed phase deadline; a retry posts the
 * same payload again, so receivers should key on {@link Escalation#key()}.
 */
@ActivityInterface(namePrefix = "Escalation")
public interface EscalationActivities {

  /**
   * @return what happened, e.g. "delivered: HTTP 200" or "not configured: DR_ESCALATION_WEBHOOK is
   *     not set"
   */
  String escalate(Escalation escalation);
}
