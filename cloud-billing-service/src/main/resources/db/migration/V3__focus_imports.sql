-- FOCUS billing exports (POST /api/v1/ledger/imports). Written once for H2 (PostgreSQL mode) and PostgreSQL 15.

-- One row per accepted file: what it brought, who sent it, and which later import replaced it (when every billing
-- account and period it brought has been restated by later files).
CREATE TABLE ledger_import (
    import_id          VARCHAR(40)    PRIMARY KEY,
    sha256             CHAR(64)       NOT NULL,
    bytes              BIGINT         NOT NULL,
    focus_version      VARCHAR(10)    NOT NULL,
    rows_read          BIGINT         NOT NULL,
    lines              BIGINT         NOT NULL,
    skipped_tax        BIGINT         NOT NULL,
    skipped_zero_cost  BIGINT         NOT NULL,
    corrections        BIGINT         NOT NULL,
    credits            BIGINT         NOT NULL,
    -- The exact sums of the file's BilledCost (revenue rows; credit rows) and what the ledger booked for them.
    revenue_billed     NUMERIC(38, 12) NOT NULL,
    credit_billed      NUMERIC(38, 12) NOT NULL,
    ledger_total_cny   NUMERIC(38, 2) NOT NULL,
    sent_by            VARCHAR(256)   NOT NULL,
    received_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    superseded_by      VARCHAR(40)
);
CREATE INDEX ledger_import_sha_idx ON ledger_import (sha256);

-- The units of replacement each import brought: a billing account's billing period. superseded_by names the later
-- import that restated the unit; the earlier import stays readable.
CREATE TABLE ledger_import_unit (
    import_id            VARCHAR(40)    NOT NULL REFERENCES ledger_import (import_id),
    billing_account_id   VARCHAR(512)   NOT NULL,
    billing_period_start TIMESTAMP WITH TIME ZONE NOT NULL,
    customer_id          VARCHAR(64)    NOT NULL,
    rows_read            BIGINT         NOT NULL,
    lines                BIGINT         NOT NULL,
    ledger_total_cny     NUMERIC(38, 2) NOT NULL,
    superseded_by        VARCHAR(40),
    PRIMARY KEY (import_id, billing_account_id, billing_period_start)
);

-- Which import currently owns each unit: the row two imports of the same unit lock, so they take turns.
CREATE TABLE ledger_import_current (
    billing_account_id   VARCHAR(512)   NOT NULL,
    billing_period_start TIMESTAMP WITH TIME ZONE NOT NULL,
    import_id            VARCHAR(40)    NOT NULL REFERENCES ledger_import (import_id),
    PRIMARY KEY (billing_account_id, billing_period_start)
);

-- The import and unit an imported line belongs to: a restatement removes exactly these lines.
ALTER TABLE ledger_line ADD COLUMN import_id VARCHAR(40);
ALTER TABLE ledger_line ADD COLUMN import_account VARCHAR(512);
ALTER TABLE ledger_line ADD COLUMN import_period TIMESTAMP WITH TIME ZONE;
CREATE INDEX ledger_line_import_idx ON ledger_line (import_id, import_account, import_period);
-- What the ledger knows of a customer (an import asks for the kind and business unit of each new account).
CREATE INDEX ledger_line_customer_idx ON ledger_line (customer_id);
