package dev.drrunbooks.aws.ecs;

/**
 * What {@code awaitSteady} heartbeats: the polls so far and the last state seen ({@code
 * EcsServiceState.describe()}, or why the describe saw nothing). A retried attempt reads it back
 * and keeps counting.
 */
public record SteadyProgress(int polls, String lastState) {}
