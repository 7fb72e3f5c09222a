-- cloud-billing-service schema. Written once for H2 (PostgreSQL mode) and PostgreSQL 15.

-- The group's and cloud's reported revenue, one row per quarter under its calendar name (2024-Q4); the fiscal
-- name of the same quarter (FY2025-Q3) addresses the same row.
CREATE TABLE group_revenue (
    quarter           VARCHAR(7)     PRIMARY KEY,
    first_day         DATE           NOT NULL,
    last_day          DATE           NOT NULL,
    group_revenue_cny NUMERIC(19, 2) NOT NULL,
    cloud_revenue_cny NUMERIC(19, 2) NOT NULL,
    source            VARCHAR(500)   NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT group_revenue_amounts CHECK (cloud_revenue_cny >= 0 AND cloud_revenue_cny <= group_revenue_cny)
);

-- Cloud vouchers (代金券) given to customers. drawn_cny moves only through ledger lines, by guarded updates
-- (drawn_cny + x <= amount_cny), so no two requests or instances can overdraw a voucher together.
CREATE TABLE voucher (
    voucher_id    VARCHAR(128)   PRIMARY KEY,
    customer_id   VARCHAR(64)    NOT NULL,
    customer_kind VARCHAR(20)    NOT NULL,
    amount_cny    NUMERIC(19, 2) NOT NULL,
    drawn_cny     NUMERIC(19, 2) NOT NULL DEFAULT 0,
    issued_on     DATE           NOT NULL,
    expires_on    DATE           NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT voucher_drawn_within_amount CHECK (drawn_cny >= 0 AND drawn_cny <= amount_cny),
    CONSTRAINT voucher_dates CHECK (expires_on >= issued_on)
);
CREATE INDEX voucher_customer_idx ON voucher (customer_id);

-- The revenue ledger. Lines are only ever inserted: a correction is a new line naming the line it corrects
-- (correction_of) and carrying the signed difference. The primary key is the idempotency key.
CREATE TABLE ledger_line (
    line_id       VARCHAR(128)   PRIMARY KEY,
    customer_id   VARCHAR(64)    NOT NULL,
    customer_kind VARCHAR(20)    NOT NULL,
    business_unit VARCHAR(64),
    booked_on     DATE           NOT NULL,
    product       VARCHAR(20)    NOT NULL,
    amount_cny    NUMERIC(19, 2) NOT NULL,
    funding       VARCHAR(10)    NOT NULL,
    voucher_id    VARCHAR(128)   REFERENCES voucher (voucher_id),
    tokens        BIGINT,
    correction_of VARCHAR(128),
    recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ledger_line_booked_idx ON ledger_line (booked_on);
CREATE INDEX ledger_line_correction_idx ON ledger_line (correction_of);
CREATE INDEX ledger_line_voucher_idx ON ledger_line (voucher_id);
