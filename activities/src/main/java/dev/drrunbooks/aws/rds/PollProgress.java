package dev.drrunbooks.aws.rds;

/**
 * What a wait heartbeats: the polls so far and the last status seen. A retried attempt (after a
 * worker restart) reads it back and carries on counting, so the final message tells the whole
 * story.
 */
public record PollProgress(int polls, String lastStatus) {}
