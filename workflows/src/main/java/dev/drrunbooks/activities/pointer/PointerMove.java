package dev.drrunbooks.activities.pointer;

/**
 * What a move of a database pointer did.
 *
 * @param before the pointer as found
 * @param after the pointer as read back after the change (equal to {@code before} when unchanged)
 * @param changed false when it already pointed at the target
 * @param changeId the Route 53 change to wait for (INSYNC); null for a parameter or no change
 */
public record PointerMove(
    PointerValue before, PointerValue after, boolean changed, String changeId) {}
