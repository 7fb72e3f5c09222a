-- Ledger lines posted directly (POST /api/v1/ledger/lines), counted per batch and booking day: what "changed since a
-- data version" lists, without reading a quarter of lines. Written in the transaction that inserts the lines; imported
-- lines are not counted here (their import says what it brought). For H2 (PostgreSQL mode) and PostgreSQL 15.
CREATE TABLE ledger_posting (
    booked_on   DATE                     NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    lines       BIGINT                   NOT NULL
);
CREATE INDEX ledger_posting_recorded_idx ON ledger_posting (recorded_at);

-- The lines posted before: a batch's lines share their recorded_at.
INSERT INTO ledger_posting (booked_on, recorded_at, lines)
SELECT booked_on, recorded_at, COUNT(*) FROM ledger_line WHERE import_id IS NULL GROUP BY booked_on, recorded_at;

-- What the changes since a data version read of the imports: those received after it.
CREATE INDEX ledger_import_received_idx ON ledger_import (received_at);
