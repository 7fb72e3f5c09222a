-- Usage per day across every customer and model (days cut in the reporting zone), advanced with the daily and monthly
-- rollups in the same transaction: a breakdown of a quarter by day reads ninety rows instead of one per day, customer
-- and model. Filled here from the daily rollup, whose days it adds up exactly.
CREATE TABLE usage_day_total (
    usage_day     DATE   NOT NULL PRIMARY KEY,
    events        BIGINT NOT NULL,
    input_tokens  BIGINT NOT NULL,
    output_tokens BIGINT NOT NULL
);

INSERT INTO usage_day_total (usage_day, events, input_tokens, output_tokens)
SELECT usage_day, SUM(events), SUM(input_tokens), SUM(output_tokens) FROM usage_daily GROUP BY usage_day;
