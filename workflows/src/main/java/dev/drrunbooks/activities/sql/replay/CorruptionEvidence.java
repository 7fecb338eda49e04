package dev.drrunbooks.activities.sql.replay;

import java.time.Instant;
import java.util.List;

/**
 * What the audit trail says about a corruption since {@code since}: the earliest suspicious entry
 * ({@code first}), how many there are, who made them, the first few, and the proposed restore point
 * {@code lastGoodInstant}: the last whole second strictly before {@code first} (RDS restore times
 * are to the second; anything good between it and the corruption is replayed, not lost). {@code
 * found} false: nothing matched the rule; {@code first} and {@code lastGoodInstant} are null.
 */
public record CorruptionEvidence(
    boolean found,
    Instant since,
    CorruptionRule rule,
    AuditEntry first,
    Instant lastGoodInstant,
    long suspiciousEntries,
    List<String> actors,
    List<AuditEntry> entries,
    String summary) {

  /** Nothing since {@code since} matched {@code rule}. */
  public static CorruptionEvidence none(Instant since, CorruptionRule rule, String summary) {
    return new CorruptionEvidence(false, since, rule, null, null, 0, List.of(), List.of(), summary);
  }

  public CorruptionEvidence {
    actors = actors == null ? List.of() : List.copyOf(actors);
    entries = entries == null ? List.of() : List.copyOf(entries);
  }
}
