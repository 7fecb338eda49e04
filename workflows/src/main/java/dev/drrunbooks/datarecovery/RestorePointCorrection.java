package dev.drrunbooks.datarecovery;

/** An operator's correction of the proposed restore point (ISO-8601), with who and why. */
public record RestorePointCorrection(String restorePoint, String who, String why) {}
