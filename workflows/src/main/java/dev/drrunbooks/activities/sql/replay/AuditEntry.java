package dev.drrunbooks.activities.sql.replay;

import java.time.Instant;

/**
 * One entry of the audit trail as evidence; {@code matched} says which part of the {@link
 * CorruptionRule} it matched ("flagged", "action BULK_UPDATE", "actor etl:%"), null when it is not
 * suspicious.
 */
public record AuditEntry(
    long id,
    Instant createdAt,
    String actor,
    String action,
    String tableName,
    Long rowId,
    String details,
    String matched) {}
