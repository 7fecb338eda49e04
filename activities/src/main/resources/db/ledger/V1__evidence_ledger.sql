-- The evidence ledger (issue 15): what every ended procedure run proved, kept for years (Temporal
-- keeps histories for days). Written by dev.drrunbooks.ledger.LedgerActivitiesImpl, one transaction
-- per run; Flyway runs this in the schema dr_ledger, where its history table lives too.
-- Durations are seconds (numeric, to the millisecond); times are timestamptz.

-- One row per ended run, keyed by its workflow id (unique per start: REJECT_DUPLICATE ids). The
-- whole report is kept as the worker's payload JSON; the columns beside it are what queries filter on.
CREATE TABLE runs (
  workflow_id   text PRIMARY KEY,
  run_id        text NOT NULL,
  workflow_type text NOT NULL,
  procedure     text NOT NULL,
  title         text,
  services      text[] NOT NULL DEFAULT '{}',
  started_at    timestamptz,
  ended_at      timestamptz,
  outcome       text,
  passed        boolean NOT NULL,
  breached      boolean NOT NULL,
  summary       text,
  run_link      text,
  report        jsonb NOT NULL,
  recorded_at   timestamptz NOT NULL DEFAULT now()
);
-- "runs of service S since T": services @> ARRAY['S'] AND started_at >= T (a bitmap AND of both)
CREATE INDEX runs_services ON runs USING gin (services);
CREATE INDEX runs_started_at ON runs (started_at);
-- "runs of procedure P since T"
CREATE INDEX runs_procedure_started_at ON runs (procedure, started_at);

-- Each service's recovery objectives against what the run achieved; null achieved: not measured.
CREATE TABLE run_objectives (
  workflow_id           text NOT NULL REFERENCES runs (workflow_id) ON DELETE CASCADE,
  service               text NOT NULL,
  rto_objective_seconds numeric,
  rto_achieved_seconds  numeric,
  rto_breached          boolean NOT NULL,
  rpo_objective_seconds numeric,
  rpo_achieved_seconds  numeric,
  rpo_breached          boolean NOT NULL,
  basis                 text,
  passed                boolean,
  PRIMARY KEY (workflow_id, service)
);
-- "objectives of service S" (breaches over the years)
CREATE INDEX run_objectives_service ON run_objectives (service);

-- Every step of the run's timeline, in the report's order (seq from 1); seconds null when a time
-- is missing.
CREATE TABLE run_steps (
  workflow_id text NOT NULL REFERENCES runs (workflow_id) ON DELETE CASCADE,
  seq         integer NOT NULL,
  service     text,
  step        text,
  started_at  timestamptz,
  ended_at    timestamptz,
  seconds     numeric,
  outcome     text,
  detail      text,
  PRIMARY KEY (workflow_id, seq)
);
-- "steps named X" (how long restore-db took, run after run)
CREATE INDEX run_steps_step_started_at ON run_steps (step, started_at);

-- Approval decisions at a run's gates: who, through which channel, when, what. Nothing writes
-- them yet; the table is here so that a later write needs no migration of the others.
CREATE TABLE run_approvals (
  workflow_id text NOT NULL REFERENCES runs (workflow_id) ON DELETE CASCADE,
  seq         integer NOT NULL,
  step        text NOT NULL,
  who         text NOT NULL,
  channel     text,
  decided_at  timestamptz NOT NULL,
  decision    text NOT NULL,
  PRIMARY KEY (workflow_id, seq)
);
CREATE INDEX run_approvals_who_decided_at ON run_approvals (who, decided_at);
