package dev.drrunbooks.approval;

/** A person's or an incident bot's answer at a gate: which step, who, and why. */
public record Approval(String step, String who, String why) {}
