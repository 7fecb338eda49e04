package dev.drrunbooks.restore;

/** What a restore run's status query answers. */
public record RestoreStatus(String phase, String targetInstance, String detail) {}
