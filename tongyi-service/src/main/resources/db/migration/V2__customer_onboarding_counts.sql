-- Customers onboarded per kind and day, kept in step with the customer table on every upsert: KPI answers count
-- customers from this small table instead of scanning hundreds of thousands of customer rows.
CREATE TABLE customer_onboarding_daily (
    kind         VARCHAR(20) NOT NULL,
    onboarded_on DATE        NOT NULL,
    customers    BIGINT      NOT NULL,
    PRIMARY KEY (kind, onboarded_on)
);

INSERT INTO customer_onboarding_daily (kind, onboarded_on, customers)
SELECT kind, onboarded_on, COUNT(*) FROM customer GROUP BY kind, onboarded_on;
