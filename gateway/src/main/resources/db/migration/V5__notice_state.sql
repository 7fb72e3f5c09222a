-- What the notification rules last saw, so a restart, a second replica or a repeated evaluation never tells the same
-- thing twice. Written once for H2 (PostgreSQL mode) and PostgreSQL 15.

-- One row per rule key: the rule, the scope (group or a unit), the period (null for a source's availability) and the
-- subject (a KPI id, a vanity alert id or a source's service id).
--   seen, seen_since:  the value the last evaluation observed (a status, COUNTED, FIRING, DOWN...) and since when;
--   told, told_figure: the value (and its figure) last told to subscribers, or recorded on first sight;
--   told_at:           when that notice was made (null: only recorded, never told), for the damping interval;
--   notices:           how many notices the key made, part of each notice's id so a later episode has a new one.
CREATE TABLE notice_state (
    rule_key    VARCHAR(400) NOT NULL PRIMARY KEY,
    rule        VARCHAR(16)  NOT NULL,
    scope       VARCHAR(64)  NOT NULL,
    period      VARCHAR(16),
    subject     VARCHAR(128) NOT NULL,
    seen        VARCHAR(32)  NOT NULL,
    seen_since  TIMESTAMP WITH TIME ZONE NOT NULL,
    told        VARCHAR(32)  NOT NULL,
    told_figure VARCHAR(64),
    told_at     TIMESTAMP WITH TIME ZONE,
    notices     INTEGER      NOT NULL DEFAULT 0
);
