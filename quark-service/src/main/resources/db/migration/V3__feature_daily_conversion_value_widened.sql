-- A day's conversion value of a feature sums its sessions' values, each up to the NUMERIC(19, 2) a session stores:
-- the sum needs more digits than any one of them.
ALTER TABLE feature_daily ALTER COLUMN conversion_value_cny SET DATA TYPE NUMERIC(38, 2);
