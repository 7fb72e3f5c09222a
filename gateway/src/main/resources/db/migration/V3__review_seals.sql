-- Sealed reviews: what the suite reported for a period, kept as it was. Written once for H2 (PostgreSQL mode) and
-- PostgreSQL 15.

-- Every sealed version of a period's review, append-only: a seal again is the next version, nothing is updated or
-- deleted. Two replicas sealing the same version at once meet on the primary key: one wins, the other is refused.
--   review:        the whole review as it stood (JSON: every scope's score and rank, every KPI's actual, target, target
--                  version, attainment, status, floor and counted, each source's answer and completeness);
--   *_version:     each source's data version when the seal read it (GET /api/v1/changes?since= takes it back);
--   *_through:     each source's last complete day of the period, and *_final whether the period was final for it.
CREATE TABLE review_seal (
    period          VARCHAR(16)   NOT NULL,
    version         INTEGER       NOT NULL,
    sealed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    sealed_by       VARCHAR(255)  NOT NULL,
    reason          VARCHAR(2000),
    forced          BOOLEAN       NOT NULL,
    tongyi_version  VARCHAR(64)   NOT NULL,
    tongyi_through  DATE,
    tongyi_final    BOOLEAN       NOT NULL,
    quark_version   VARCHAR(64)   NOT NULL,
    quark_through   DATE,
    quark_final     BOOLEAN       NOT NULL,
    billing_version VARCHAR(64)   NOT NULL,
    billing_through DATE,
    billing_final   BOOLEAN       NOT NULL,
    review          TEXT          NOT NULL,
    PRIMARY KEY (period, version),
    CONSTRAINT review_seal_first_version CHECK (version >= 1),
    CONSTRAINT review_seal_reason CHECK (version = 1 AND NOT forced OR reason IS NOT NULL)
);

-- ShedLock's lock table (net.javacrumbs.shedlock): the automatic sealing runs on one replica at a time.
CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL PRIMARY KEY,
    lock_until TIMESTAMP    NOT NULL,
    locked_at  TIMESTAMP    NOT NULL,
    locked_by  VARCHAR(255) NOT NULL
);
