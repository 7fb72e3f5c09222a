-- gateway schema: the executives' targets, the only data the gateway keeps. Written once for H2 (PostgreSQL mode)
-- and PostgreSQL 15.

-- Every version of every target: (fiscal year, scope, KPI) is a target, each change a new row with the next version
-- number; nothing is updated or deleted, so the history is the table. The id names the version
-- (FY2026/taobao/toc-ai-sessions/2), and two replicas writing the same next version meet on it: the loser runs again.
CREATE TABLE kpi_target (
    target_version_id VARCHAR(200)   PRIMARY KEY,
    fiscal_year       INTEGER        NOT NULL,
    scope             VARCHAR(64)    NOT NULL,
    kpi_id            VARCHAR(64)    NOT NULL,
    version           INTEGER        NOT NULL,
    target            NUMERIC(38, 6) NOT NULL,
    direction         VARCHAR(8)     NOT NULL,
    weight            NUMERIC(12, 4) NOT NULL,
    target_period     VARCHAR(8)     NOT NULL,
    floor_kpi_id      VARCHAR(64),
    floor_min         NUMERIC(38, 6),
    floor_max         NUMERIC(38, 6),
    note              VARCHAR(2000),
    set_by            VARCHAR(200)   NOT NULL,
    set_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT kpi_target_version UNIQUE (fiscal_year, scope, kpi_id, version),
    CONSTRAINT kpi_target_direction CHECK (direction IN ('AT_LEAST', 'AT_MOST')),
    CONSTRAINT kpi_target_period CHECK (target_period IN ('YEAR', 'QUARTER')),
    CONSTRAINT kpi_target_weight CHECK (weight >= 0),
    CONSTRAINT kpi_target_first_version CHECK (version >= 1)
);
