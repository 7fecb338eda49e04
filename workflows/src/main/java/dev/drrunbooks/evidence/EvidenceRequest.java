package dev.drrunbooks.evidence;

import java.time.Instant;

/**
 * What {@code dr evidence} asks for.
 *
 * @param since the runs that ended at or after it
 * @param service only the runs that covered it; null for all
 */
public record EvidenceRequest(Instant since, String service) {}
