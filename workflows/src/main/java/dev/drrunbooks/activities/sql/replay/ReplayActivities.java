package dev.drrunbooks.activities.sql.replay;

import dev.drrunbooks.activities.sql.DatabaseTarget;
import dev.drrunbooks.catalog.DataRecoverySpec;
import io.temporal.activity.ActivityInterface;
import java.time.Instant;

/**
 * The data side of the runbook's "Corrupted Data Recovery" and "Lost Transaction Recovery": find
 * when the corruption began (the audit trail), plan which later transactions of the current,
 * corrupted database to carry over to the recovered one, and apply them there in batches,
 * idempotently. Which tables and columns those are is the service's catalog {@code
 * database.dataRecovery} ({@code data} in every method): the ledger, the balance it moves, the
 * audit trail.
 *
 * <p>Unlike the runbook's single {@code INSERT ... SELECT * FROM backup.inventory_transactions},
 * each batch is its own transaction, keyed by the transaction's id and unique reference, so an
 * interrupted replay retried applies every transaction once, and the balances move once per applied
 * transaction.
 */
@ActivityInterface(namePrefix = "Replay")
public interface ReplayActivities {

  /**
   * Read only. The audit entries of {@code db} created at or after {@code since} (null: all) that
   * match {@code rule} (null: {@link CorruptionRule#DEFAULT}); the earliest is the corruption, and
   * the proposed restore point is the last whole second before it.
   */
  CorruptionEvidence findCorruption(
      DataRecoverySpec data, DatabaseTarget db, Instant since, CorruptionRule rule);

  /**
   * Read only. What {@link #apply} would carry over from {@code source}: transactions dated after
   * {@code after} (the restore point), counts, first and last, and those to skip because their
   * audit entry matches {@code rule} (null: the default), each with the entry that condemns it.
   */
  ReplayPlan plan(DataRecoverySpec data, DatabaseTarget source, Instant after, CorruptionRule rule);

  /**
   * Applies {@code plan} from {@code source} to {@code target}, {@code batchSize} transactions per
   * database transaction (1..10000), in id order: INSERT ... ON CONFLICT DO NOTHING (every column
   * of the row), the balances moved and a REPLAY audit entry written for exactly the rows inserted,
   * in the same transaction. Heartbeats a {@link ReplayCheckpoint} after each batch; a retry
   * resumes after it. Skips the plan's corrupt transactions; lists the ones the target refuses (id
   * taken by another transaction, balance row missing) instead of failing.
   */
  ReplayProgress apply(
      DataRecoverySpec data,
      DatabaseTarget source,
      DatabaseTarget target,
      ReplayPlan plan,
      int batchSize);

  /**
   * At most this many rows are named in a {@link RecoveryVerification}; its total counts them all.
   */
  int MAX_UNRECOVERED_ROWS = 200;

  /**
   * Read only. After {@link #apply}: the rows of {@code target} that are still wrong, each named by
   * table and id: balance rows below zero (when the catalog says they must not be), good
   * transactions of {@code plan} (not in its skip list) missing from the target, with the balances
   * they should have moved, and transactions of its skip list (the corruption) present there.
   */
  RecoveryVerification verify(
      DataRecoverySpec data, DatabaseTarget source, DatabaseTarget target, ReplayPlan plan);
}
