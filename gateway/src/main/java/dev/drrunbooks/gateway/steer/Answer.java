package dev.drrunbooks.gateway.steer;

/**
 * What the gateway answers after a change took effect: {@code {"run", "runId", "link", "result"}}.
 *
 * @param run the workflow id
 * @param runId Temporal's run id
 * @param link the run's page in the Temporal UI; null when no UI is configured
 * @param result what the run answered (the update's result), or null for a start
 */
public record Answer(String run, String runId, String link, Object result) {}
