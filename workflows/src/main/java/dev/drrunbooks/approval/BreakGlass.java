package dev.drrunbooks.approval;

/**
 * An emergency override of a gate the catalog requires: a named person and a reason. The run
 * records it as break-glass (verdict {@link GateDecision.Verdict#BREAK_GLASS}) in its timeline,
 * result and summary, never as a policy that allows going ahead without approval.
 */
public record BreakGlass(String who, String reason) {}
