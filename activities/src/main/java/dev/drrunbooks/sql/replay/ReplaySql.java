package dev.drrunbooks.sql.replay;

import dev.drrunbooks.catalog.AuditSpec;
import dev.drrunbooks.catalog.BalanceSpec;
import dev.drrunbooks.catalog.DataRecoverySpec;
import dev.drrunbooks.catalog.LedgerSpec;
import dev.drrunbooks.catalog.SqlIdentifiers;

/**
 * The statements of a replay, generated from a service's catalog {@code database.dataRecovery}:
 * every table and column name quoted ({@link SqlIdentifiers#quote}), every value a bind parameter.
 * The ledger is aliased {@code t}, the audit trail {@code a}. Ledger rows are read as their five
 * declared columns ({@link #TXN}: id, reference, time, key, amount) plus the whole row as JSON, and
 * written back with {@code jsonb_populate_recordset}, so columns the catalog does not name are
 * copied as they are (<a
 * href="https://www.postgresql.org/docs/current/functions-json.html">PostgreSQL JSON
 * functions</a>).
 */
final class ReplaySql {
  /**
   * How many leading columns of a ledger read are the transaction (id, reference, time, key,
   * amount).
   */
  static final int TXN = 5;

  private final String ledger;
  private final String ledgerId;
  private final String reference;
  private final String time;
  private final String key;
  private final String amount;
  private final String balance;
  private final String balanceKey;
  private final String balanceAmount;
  private final String balanceUpdatedAt;
  private final String audit;
  private final String auditId;
  private final String auditTime;
  private final String actor;
  private final String action;
  private final String entity;
  private final String entityKey;
  private final String details;

  /** The audit trail's entity value of ledger rows: bound, never inlined. */
  final String ledgerEntity;

  /** For messages: the declared names as written. */
  final String ledgerName;

  final String balanceName;
  final String balanceAmountName;
  final String auditName;
  final boolean balanceNonNegative;

  ReplaySql(DataRecoverySpec spec) {
    LedgerSpec l = spec.ledger();
    BalanceSpec b = spec.balance();
    AuditSpec a = spec.audit();
    ledger = q(l.table());
    ledgerId = q(l.id());
    reference = q(l.reference());
    time = q(l.time());
    key = q(l.key());
    amount = q(l.amount());
    balance = q(b.table());
    balanceKey = q(b.key());
    balanceAmount = q(b.amount());
    balanceUpdatedAt = b.updatedAt() == null ? null : q(b.updatedAt());
    audit = q(a.table());
    auditId = q(a.id());
    auditTime = q(a.time());
    actor = q(a.actor());
    action = q(a.action());
    entity = q(a.entity());
    entityKey = q(a.entityKey());
    details = q(a.details());
    ledgerEntity = a.ledgerEntityOr(l.table());
    ledgerName = l.table();
    balanceName = b.table();
    balanceAmountName = b.amount();
    auditName = a.table();
    balanceNonNegative = b.mustNotBeNegative();
  }

  private static String q(String name) {
    return SqlIdentifiers.quote(name);
  }

  /** The transaction columns of the ledger aliased {@code alias}, in {@link #TXN} order. */
  String txnColumns(String alias) {
    String a = alias + ".";
    return a + ledgerId + ", " + a + reference + ", " + a + time + ", " + a + key + ", " + a
        + amount;
  }

  /**
   * An audit entry matches the corruption rule: flagged in details, or action in ?1 (text[], upper
   * case), or actor LIKE any of ?2 (text[]).
   */
  String rule() {
    return "((a."
        + details
        + "->>'corruption') = 'true' OR upper(a."
        + action
        + ") = ANY(?) OR a."
        + actor
        + " LIKE ANY(?))";
  }

  /** Which part of the rule an entry matched, for the operator (binds as {@link #rule()}). */
  String matched() {
    return "CASE WHEN (a."
        + details
        + "->>'corruption') = 'true' THEN 'flagged corruption' WHEN upper(a."
        + action
        + ") = ANY(?) THEN 'action ' || a."
        + action
        + " WHEN a."
        + actor
        + " LIKE ANY(?) THEN 'actor ' || a."
        + actor
        + " END";
  }

  /**
   * Binds: matched (2), since, rule (2). Columns: id, time, actor, action, entity, entity key,
   * details, matched.
   */
  String findCorruption() {
    return "SELECT a."
        + auditId
        + ", a."
        + auditTime
        + ", a."
        + actor
        + ", a."
        + action
        + ", a."
        + entity
        + ", a."
        + entityKey
        + ", a."
        + details
        + "::text, "
        + matched()
        + " AS matched FROM "
        + audit
        + " a WHERE a."
        + auditTime
        + " >= ? AND "
        + rule()
        + " ORDER BY a."
        + auditTime
        + ", a."
        + auditId;
  }

  /** Binds: after. Count and highest id of the ledger rows after the restore point. */
  String countAfter() {
    return "SELECT count(*), coalesce(max(t."
        + ledgerId
        + "), 0) FROM "
        + ledger
        + " t WHERE t."
        + time
        + " > ?";
  }

  /**
   * Binds: after. The first ({@code desc} false) or last ledger row after the restore point, by id.
   */
  String edgeAfter(boolean desc) {
    return "SELECT "
        + txnColumns("t")
        + " FROM "
        + ledger
        + " t WHERE t."
        + time
        + " > ? ORDER BY t."
        + ledgerId
        + (desc ? " DESC" : "")
        + " LIMIT 1";
  }

  /**
   * Binds: matched (2), ledger entity, rule (2), after, last id. The ledger rows in the plan's
   * range that an audit entry matching the rule is about, each with its first such entry: TXN
   * columns, then entry id, time, actor, action, matched.
   */
  String condemned() {
    return "SELECT DISTINCT ON (t."
        + ledgerId
        + ") "
        + txnColumns("t")
        + ", a."
        + auditId
        + ", a."
        + auditTime
        + ", a."
        + actor
        + ", a."
        + action
        + ", "
        + matched()
        + " AS matched FROM "
        + ledger
        + " t JOIN "
        + audit
        + " a ON a."
        + entity
        + " = ? AND a."
        + entityKey
        + " = t."
        + ledgerId
        + " AND "
        + rule()
        + " WHERE t."
        + time
        + " > ? AND t."
        + ledgerId
        + " <= ? ORDER BY t."
        + ledgerId
        + ", a."
        + auditId;
  }

  /** Binds: after. Audit entries after the restore point by actor. */
  String auditByActor() {
    return "SELECT a."
        + actor
        + ", count(*) FROM "
        + audit
        + " a WHERE a."
        + auditTime
        + " > ? GROUP BY a."
        + actor;
  }

  /**
   * Binds: after, ledger entity, rule (2). Suspicious entries after the point about other tables.
   */
  String suspiciousOther() {
    return "SELECT count(*) FROM "
        + audit
        + " a WHERE a."
        + auditTime
        + " > ? AND a."
        + entity
        + " <> ? AND "
        + rule();
  }

  /** Binds: after, cursor, last id, limit. TXN columns then the whole row as JSON text. */
  String readBatch() {
    return "SELECT "
        + txnColumns("t")
        + ", to_jsonb(t)::text FROM "
        + ledger
        + " t WHERE t."
        + time
        + " > ? AND t."
        + ledgerId
        + " > ? AND t."
        + ledgerId
        + " <= ? ORDER BY t."
        + ledgerId
        + " LIMIT ?";
  }

  /** Binds: keys (bigint[]). The balance rows that exist. */
  String existingBalances() {
    return "SELECT b." + balanceKey + " FROM " + balance + " b WHERE b." + balanceKey + " = ANY(?)";
  }

  /**
   * Binds: rows (a JSON array of whole ledger rows), actor, action, ledger entity, replay id,
   * source. Inserts the rows ON CONFLICT DO NOTHING and, for exactly the rows inserted, moves their
   * balances and writes one audit entry each ({@code details}: replay id, source and the row), in
   * one statement, so in the batch's transaction. Returns the ids inserted.
   */
  String insertBatch() {
    String setUpdated =
        balanceUpdatedAt == null
            ? ""
            : ", " + balanceUpdatedAt + " = greatest(b." + balanceUpdatedAt + ", d.last_at)";
    return "WITH src AS (SELECT * FROM jsonb_populate_recordset(NULL::"
        + ledger
        + ", ?::jsonb)), "
        + "ins AS (INSERT INTO "
        + ledger
        + " SELECT * FROM src ORDER BY "
        + ledgerId
        + " ON CONFLICT DO NOTHING "
        + "RETURNING *), "
        + "upd AS (UPDATE "
        + balance
        + " AS b SET "
        + balanceAmount
        + " = b."
        + balanceAmount
        + " + d.total"
        + setUpdated
        + " FROM (SELECT "
        + key
        + " AS k, sum("
        + amount
        + ") AS total, max("
        + time
        + ") AS last_at "
        + "FROM ins GROUP BY "
        + key
        + ") AS d WHERE d.k = b."
        + balanceKey
        + " RETURNING 1), "
        + "aud AS (INSERT INTO "
        + audit
        + " ("
        + auditTime
        + ", "
        + actor
        + ", "
        + action
        + ", "
        + entity
        + ", "
        + entityKey
        + ", "
        + details
        + ") SELECT now(), ?, ?, ?, ins."
        + ledgerId
        + ", jsonb_build_object('replay_id', "
        + "?::text, 'source', ?::text) || to_jsonb(ins) FROM ins RETURNING 1) "
        + "SELECT "
        + ledgerId
        + " FROM ins";
  }

  /** Binds: references (text[]), ids (bigint[]). Id and reference of target rows holding either. */
  String holders() {
    return "SELECT t."
        + ledgerId
        + ", t."
        + reference
        + " FROM "
        + ledger
        + " t WHERE t."
        + reference
        + " = ANY(?) OR t."
        + ledgerId
        + " = ANY(?)";
  }

  /**
   * Binds: actor, action, ledger entity, replay id. Ledger rows this replay wrote an audit entry
   * for.
   */
  String countApplied() {
    return "SELECT count(DISTINCT a."
        + entityKey
        + ") FROM "
        + audit
        + " a WHERE a."
        + actor
        + " = ? AND a."
        + action
        + " = ? AND a."
        + entity
        + " = ? AND a."
        + details
        + "->>'replay_id' = ?";
  }

  /** No binds. Balance rows below zero: key, amount. */
  String negativeBalances() {
    return "SELECT b."
        + balanceKey
        + ", b."
        + balanceAmount
        + " FROM "
        + balance
        + " b WHERE b."
        + balanceAmount
        + " < 0 ORDER BY b."
        + balanceKey;
  }

  /** Binds: references (text[]). Id and reference of the ledger rows holding them, by id. */
  String byReferences() {
    return "SELECT t."
        + ledgerId
        + ", t."
        + reference
        + " FROM "
        + ledger
        + " t WHERE t."
        + reference
        + " = ANY(?) ORDER BY t."
        + ledgerId;
  }
}
