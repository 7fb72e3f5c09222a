-- Monthly rollup per customer and model (months cut in the reporting zone), advanced with the daily rollup in the
-- same transaction: a quarter's summary reads three rows per key instead of ninety. Filled from the raw events
-- at the next start (the rollup state below no longer names the current rollups).
CREATE TABLE usage_monthly (
    usage_month   DATE        NOT NULL,
    customer_id   VARCHAR(64) NOT NULL,
    model_id      VARCHAR(64) NOT NULL,
    events        BIGINT      NOT NULL,
    input_tokens  BIGINT      NOT NULL,
    output_tokens BIGINT      NOT NULL,
    PRIMARY KEY (usage_month, customer_id, model_id)
);

DELETE FROM rollup_state;
