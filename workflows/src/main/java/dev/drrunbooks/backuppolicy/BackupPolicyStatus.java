package dev.drrunbooks.backuppolicy;

/** What the status query answers while the run is going. */
public record BackupPolicyStatus(String phase, String currentService, int checksDone) {}
