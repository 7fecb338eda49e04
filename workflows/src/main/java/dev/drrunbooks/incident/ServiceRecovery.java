package dev.drrunbooks.incident;

import dev.drrunbooks.model.ObjectiveCheck;
import java.time.Instant;

/**
 * One affected service: RTO achieved from detection to verification against its objective; RPO from
 * a restore started from the incident, else null (not measured).
 */
public record ServiceRecovery(
    String service, Instant verifiedAt, ObjectiveCheck rto, ObjectiveCheck rpo) {}
