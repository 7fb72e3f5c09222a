-- Revenue in more than one currency. Written once for H2 (PostgreSQL mode) and PostgreSQL 15.

-- Exchange rates to CNY: CNY per one unit of an ISO 4217 currency, for a day. Nothing is overwritten: each change of a
-- day's rate is a new version, with who set it and when; the latest version is the one in force.
CREATE TABLE fx_rate (
    currency     VARCHAR(3)     NOT NULL,
    rate_day     DATE           NOT NULL,
    version      INTEGER        NOT NULL,
    cny_per_unit NUMERIC(38, 10) NOT NULL,
    source       VARCHAR(500)   NOT NULL,
    set_by       VARCHAR(256)   NOT NULL,
    set_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (currency, rate_day, version),
    CONSTRAINT fx_rate_positive CHECK (cny_per_unit > 0 AND version >= 1)
);

-- What a ledger line was billed in and how it became CNY: amount_cny = billed_amount x fx_rate, rounded to the fen
-- (half-even) per line. A CNY line has rate 1 and no rate day or version. pricing_*: FOCUS 1.2's PricingCurrency and
-- the line's PricingCurrencyEffectiveCost, kept for information (never revenue).
ALTER TABLE ledger_line ADD COLUMN billed_currency VARCHAR(3) DEFAULT 'CNY' NOT NULL;
ALTER TABLE ledger_line ADD COLUMN billed_amount NUMERIC(38, 18);
ALTER TABLE ledger_line ADD COLUMN fx_rate NUMERIC(38, 10) DEFAULT 1 NOT NULL;
ALTER TABLE ledger_line ADD COLUMN fx_day DATE;
ALTER TABLE ledger_line ADD COLUMN fx_version INTEGER;
ALTER TABLE ledger_line ADD COLUMN pricing_currency VARCHAR(32);
ALTER TABLE ledger_line ADD COLUMN pricing_cost NUMERIC(38, 18);
-- billed_amount is null only on a line written by a writer that does not know the column (an instance of the previous
-- version during a rolling deploy): a CNY line, billed as booked. Readers take amount_cny then.
UPDATE ledger_line SET billed_amount = amount_cny;
-- What each rebook changed, per booking day: what "changed since a data version" lists for the day's period.
CREATE TABLE fx_rebook_day (
    booked_on   DATE                     NOT NULL,
    rebooked_at TIMESTAMP WITH TIME ZONE NOT NULL,
    rebooked_by VARCHAR(256)             NOT NULL,
    lines       BIGINT                   NOT NULL,
    delta_cny   NUMERIC(38, 2)           NOT NULL
);
CREATE INDEX fx_rebook_day_at_idx ON fx_rebook_day (rebooked_at);

-- A rebook reads a range of days' lines in other currencies.
CREATE INDEX ledger_line_currency_idx ON ledger_line (billed_currency, booked_on);
