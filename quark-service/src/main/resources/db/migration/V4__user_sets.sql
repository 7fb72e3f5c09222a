-- Sets of users as Theta sketches (Apache DataSketches, lgK 12, default seed), for retention and lifecycle, which
-- need set intersections that distinct counts cannot give. Per scope, kind and window (a DAY, an ISO WEEK keyed by its
-- Monday, or a MONTH keyed by its first day, cut in the reporting zone):
--   OPEN, AI   the users with an app open / an AI session in the window (scope 'app:<appId>'; a business unit's or the
--              group's are unions of its apps' at query time)
--   COHORT     the users first seen in the window (scopes 'app:<appId>', 'unit:<businessUnit>', 'all', as first_seen;
--              an app's by day, week and month, a unit's and the group's by week: their retention summary's cohorts)
--   LEFT       the users who were in the window's cohort but were later first seen earlier (a late install): a
--              cohort is COHORT minus LEFT, since a sketch cannot forget a member
-- Advanced in the transaction that stores the events, by exactly the events that were new.
CREATE TABLE user_set (
    scope        VARCHAR(80) NOT NULL,
    kind         VARCHAR(8)  NOT NULL,
    grain        VARCHAR(5)  NOT NULL,
    bucket_start DATE        NOT NULL,
    sketch       BYTEA       NOT NULL,
    PRIMARY KEY (scope, kind, grain, bucket_start)
);
-- Summaries read a range of windows of every scope at once.
CREATE INDEX user_set_window_idx ON user_set (kind, grain, bucket_start);

-- The sets are new: a database with events in it builds them from its stored events at the next start (the start-up
-- guard recuts the daily aggregates when their zone is not recorded).
DELETE FROM rollup_state WHERE rollup_name = 'quark_daily';
