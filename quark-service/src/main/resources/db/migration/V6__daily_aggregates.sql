-- The days of apps fed by daily aggregates (feed AGGREGATES), as their pipelines send them: the version of each day
-- counted now. Distinct users are Apache DataSketches HLL sketches in their compact serialised form (lgK up to 21),
-- each with its lgK and rounded estimate; the optional Theta sketch of the active users (compact, default seed) is
-- kept for set intersections such as retention. A day's figures are also written into install_daily, feature_daily
-- (feature '': the app as a whole) and user_sketch, which every period figure reads; those are derived from here.
CREATE TABLE app_day (
    app_id               VARCHAR(64)    NOT NULL REFERENCES app (app_id),
    report_day           DATE           NOT NULL,
    version              INTEGER        NOT NULL,
    received_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    installs             BIGINT         NOT NULL,
    opens                BIGINT         NOT NULL,
    sessions             BIGINT         NOT NULL,
    turns                BIGINT         NOT NULL,
    agent_calls          BIGINT         NOT NULL,
    resolved             BIGINT         NOT NULL,
    abandoned            BIGINT         NOT NULL,
    escalated            BIGINT         NOT NULL,
    unknown_outcome      BIGINT         NOT NULL,
    rated                BIGINT         NOT NULL,
    rating_sum           BIGINT         NOT NULL,
    converted            BIGINT         NOT NULL,
    conversion_value_cny NUMERIC(38, 2) NOT NULL,
    active_users         BYTEA          NOT NULL,
    active_lg_k          SMALLINT       NOT NULL,
    active_estimate      BIGINT         NOT NULL,
    new_users            BYTEA          NOT NULL,
    new_lg_k             SMALLINT       NOT NULL,
    new_estimate         BIGINT         NOT NULL,
    ai_users             BYTEA          NOT NULL,
    ai_lg_k              SMALLINT       NOT NULL,
    ai_estimate          BIGINT         NOT NULL,
    active_users_theta   BYTEA,
    theta_estimate       BIGINT,
    PRIMARY KEY (app_id, report_day)
);
-- Every period figure reads which apps have which days of the period and their sketches' lgK: from the index alone,
-- since a day's row holds its sketches (megabytes at lgK 21).
CREATE INDEX app_day_day_idx ON app_day (report_day, app_id, active_lg_k, ai_lg_k, new_lg_k);

-- Every version of a day that a later PUT replaced, as it was, for audit: app_day's columns and when it was replaced.
CREATE TABLE app_day_replaced AS SELECT * FROM app_day WITH NO DATA;
ALTER TABLE app_day_replaced ADD COLUMN replaced_at TIMESTAMP WITH TIME ZONE NOT NULL;
ALTER TABLE app_day_replaced ALTER COLUMN app_id SET NOT NULL;
ALTER TABLE app_day_replaced ALTER COLUMN report_day SET NOT NULL;
ALTER TABLE app_day_replaced ALTER COLUMN version SET NOT NULL;
ALTER TABLE app_day_replaced ADD PRIMARY KEY (app_id, report_day, version);

-- A period's estimates are read from the index alone: a day's sketch from a pipeline may be megabytes (lgK 21), and
-- H2 reading each row of a quarter's sketches to get at its estimate took most of a second.
CREATE INDEX user_sketch_estimate_idx ON user_sketch (audience, grain, bucket_start, app_id, feature_id, estimate);
DROP INDEX user_sketch_bucket_idx;

-- Sketches of the users first seen in each app (audience NEW) are kept from now on, for events too, so that the users
-- of event-fed and aggregate-fed apps merge by a union. Forgetting the zone the aggregates were cut in makes the next
-- start recut them all from the stored events (DerivedFiguresGuard), which builds those sketches for the past.
DELETE FROM rollup_state;
