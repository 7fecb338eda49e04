-- The payments database: the second service whose corrupted-data recovery is driven only by its catalog
-- entry (deploy/catalog/mycomputer.yaml, services.payments.database.dataRecovery). Shaped unlike
-- inventory on purpose: other table and column names, bigint amounts in cents, extra ledger columns the
-- catalog does not name (copied as they are by the replay), an audit trail whose entity is a label
-- ('payment_entry') rather than a table name and with a column the replay does not write (client_ip).
-- Applied once by deploy/local/sandbox, as dr_admin, to a freshly created database `payments`
-- (psql -v ON_ERROR_STOP=1 --single-transaction). Deterministic but for timestamps, relative to now().
--   accounts         100 rows, balance_cents = opening_cents + sum of its entries
--   payment_entries  2000 rows, one every 10.8 s over the 6 hours before seeding
--   payment_audit    one CREATE row per entry + a few reviews by people
--   sandbox_backup.accounts_opening, sandbox_backup.restore_to(timestamptz): the sandbox's restores

CREATE TABLE accounts (
    account_id     bigint PRIMARY KEY,
    holder         text   NOT NULL,
    currency       text   NOT NULL,
    opening_cents  bigint NOT NULL,
    balance_cents  bigint NOT NULL
);

CREATE TABLE payment_entries (
    entry_id      bigint      PRIMARY KEY,
    payment_ref   text        NOT NULL UNIQUE,
    booked_at     timestamptz NOT NULL,
    account_id    bigint      NOT NULL REFERENCES accounts (account_id),
    amount_cents  bigint      NOT NULL,
    currency      text        NOT NULL,
    memo          text
);
CREATE INDEX payment_entries_booked_at_idx ON payment_entries (booked_at);

CREATE TABLE payment_audit (
    audit_id     bigserial   PRIMARY KEY,
    occurred_at  timestamptz NOT NULL DEFAULT now(),
    principal    text        NOT NULL,
    operation    text        NOT NULL,
    entity       text        NOT NULL,
    entity_id    bigint,
    payload      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    client_ip    inet
);
CREATE INDEX payment_audit_occurred_at_idx ON payment_audit (occurred_at);

CREATE TEMPORARY TABLE seed_clock ON COMMIT DROP AS SELECT now() AS t0;

INSERT INTO accounts (account_id, holder, currency, opening_cents, balance_cents)
SELECT 10000 + a, 'Customer ' || a, 'EUR', 50000 + (a * 7919) % 250000, 0
FROM generate_series(1, 100) AS a;

-- 2000 entries: payments in, refunds out, amounts in cents (up to +-4999.99 EUR).
INSERT INTO payment_entries (entry_id, payment_ref, booked_at, account_id, amount_cents, currency, memo)
SELECT 500000 + n,
       'PAY-' || to_char(n, 'FM00000'),
       (SELECT t0 FROM seed_clock) - interval '6 hours' + n * interval '10.8 seconds' - interval '5.4 seconds',
       10000 + 1 + (n * 37) % 100,
       ((n * 104729) % 999999) - 499999,
       'EUR',
       CASE WHEN n % 5 = 0 THEN 'refund' ELSE 'card payment' END
FROM generate_series(1, 2000) AS n;

UPDATE accounts AS a SET balance_cents = a.opening_cents + agg.total
FROM (SELECT account_id, sum(amount_cents) AS total FROM payment_entries GROUP BY account_id) AS agg
WHERE agg.account_id = a.account_id;

-- The sandbox's stand-in for the backup a point-in-time restore starts from (see inventory.sql).
CREATE SCHEMA sandbox_backup;
COMMENT ON SCHEMA sandbox_backup IS 'dr-runbooks sandbox only: what restores start from; not part of the application';
CREATE TABLE sandbox_backup.accounts_opening AS SELECT account_id, holder, currency, opening_cents FROM accounts;

-- Called by the sandbox's restore (the sandbox module's SandboxDatabases) on the clone of a restore to `point`:
-- the ledger and audit trail as of the point, every balance rebuilt from its opening and the entries up to
-- it (so a statement that overwrote balances is undone, as RDS would restore it from its backup and log).
CREATE FUNCTION sandbox_backup.restore_to(point timestamptz) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    entries bigint;
    audit   bigint;
BEGIN
    DELETE FROM payment_entries WHERE booked_at > point;
    GET DIAGNOSTICS entries = ROW_COUNT;
    DELETE FROM payment_audit WHERE occurred_at > point;
    GET DIAGNOSTICS audit = ROW_COUNT;
    UPDATE accounts AS a
       SET holder = o.holder, currency = o.currency, opening_cents = o.opening_cents,
           balance_cents = o.opening_cents + coalesce((SELECT sum(e.amount_cents) FROM payment_entries e
                                                      WHERE e.account_id = a.account_id), 0)
      FROM sandbox_backup.accounts_opening o WHERE o.account_id = a.account_id;
    RETURN format('removed %s later entries and %s later audit rows; balances rebuilt as of %s', entries, audit, point);
END
$$;

INSERT INTO payment_audit (occurred_at, principal, operation, entity, entity_id, payload)
SELECT e.booked_at, 'payments-service', 'CREATE', 'payment_entry', e.entry_id,
       jsonb_build_object('payment_ref', e.payment_ref, 'account_id', e.account_id, 'amount_cents', e.amount_cents)
FROM payment_entries e;

INSERT INTO payment_audit (occurred_at, principal, operation, entity, entity_id, payload, client_ip)
SELECT (SELECT t0 FROM seed_clock) - interval '6 hours' + k * interval '45 minutes',
       (ARRAY['finance:dora', 'finance:emil'])[1 + k % 2], 'REVIEW', 'account', 10000 + k * 9,
       jsonb_build_object('reason', 'chargeback review'), ('192.0.2.' || k)::inet
FROM generate_series(1, 7) AS k;

ANALYZE accounts;
ANALYZE payment_entries;
ANALYZE payment_audit;
