-- The ledger summed per booking day and per everything a summary or the attribution groups by, advanced in the
-- same transaction as the lines it sums: summaries and the attribution read these rows, not every line of a
-- quarter. business_unit is '' for a line without one. Sums are wider than the lines they add up.
CREATE TABLE ledger_daily (
    booked_on     DATE           NOT NULL,
    customer_id   VARCHAR(64)    NOT NULL,
    customer_kind VARCHAR(20)    NOT NULL,
    business_unit VARCHAR(64)    NOT NULL,
    product       VARCHAR(20)    NOT NULL,
    funding       VARCHAR(10)    NOT NULL,
    line_count    BIGINT         NOT NULL,
    amount_cny    NUMERIC(38, 2) NOT NULL,
    tokens        NUMERIC(38, 0) NOT NULL,
    PRIMARY KEY (booked_on, customer_id, customer_kind, business_unit, product, funding)
);

INSERT INTO ledger_daily (booked_on, customer_id, customer_kind, business_unit, product, funding, line_count,
                          amount_cny, tokens)
SELECT booked_on, customer_id, customer_kind, COALESCE(business_unit, ''), product, funding, COUNT(*),
       SUM(amount_cny), COALESCE(SUM(tokens), 0)
FROM ledger_line
GROUP BY booked_on, customer_id, customer_kind, COALESCE(business_unit, ''), product, funding;
