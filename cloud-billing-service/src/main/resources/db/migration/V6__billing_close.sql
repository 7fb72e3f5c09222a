-- The close of a billing month (kpi.billing.close-day): what each import did to each unit it brought. Written once for
-- H2 (PostgreSQL mode) and PostgreSQL 15.
--   replaced_import: the earlier import of the unit this one restated (a restatement of an open month), or null;
--   late:            the first import of a month already final when it was received;
--   correction:      a final month's unit of nothing but ChargeClass=Correction rows, booked in the open period and
--                    added to the month's figures, not restating them.
ALTER TABLE ledger_import_unit ADD COLUMN replaced_import VARCHAR(40);
ALTER TABLE ledger_import_unit ADD COLUMN late BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE ledger_import_unit ADD COLUMN correction BOOLEAN DEFAULT FALSE NOT NULL;

-- Imports stored before: the restatements they made are known from the units they superseded; lateness is not known.
UPDATE ledger_import_unit SET replaced_import = (SELECT p.import_id FROM ledger_import_unit p
    WHERE p.superseded_by = ledger_import_unit.import_id
      AND p.billing_account_id = ledger_import_unit.billing_account_id
      AND p.billing_period_start = ledger_import_unit.billing_period_start);

CREATE INDEX ledger_import_unit_period_idx ON ledger_import_unit (billing_period_start);
