-- Notifications: who hears what, and what waits to be sent. Written once for H2 (PostgreSQL mode) and PostgreSQL 15.

-- A subscription: the scopes and notice types it hears (comma-separated, each checked on the way in), the channel and
-- its target (a URL or an address), and the signing secret, never in clear: 'aesgcm:' + the AES-GCM ciphertext under
-- GATEWAY_SECRETS_KEY, or 'env:NAME', a reference to an environment variable of the gateway.
CREATE TABLE notification_subscription (
    id         VARCHAR(64)   NOT NULL PRIMARY KEY,
    scopes     VARCHAR(2000) NOT NULL,
    types      VARCHAR(2000) NOT NULL,
    channel    VARCHAR(16)   NOT NULL,
    target     VARCHAR(2000) NOT NULL,
    secret     VARCHAR(1000),
    language   VARCHAR(2)    NOT NULL,
    digest     VARCHAR(8)    NOT NULL,
    created_by VARCHAR(255)  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by VARCHAR(255)  NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The outbox: one row per notice and subscription, written in the transaction of the state change that caused the
-- notice; the same notice is never queued twice for one subscription (the unique pair). A dispatcher claims due rows
-- (FOR UPDATE SKIP LOCKED), leases them by moving next_attempt_at past the lease and naming its claim, and marks them
-- SENT, or schedules the next attempt, or after the last one DEAD.
--   payload: the notice as a structured-mode CloudEvent (JSON), as every channel renders it.
CREATE TABLE notification_outbox (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    notice_id       VARCHAR(255)  NOT NULL,
    subscription_id VARCHAR(64)   NOT NULL,
    type            VARCHAR(64)   NOT NULL,
    scope           VARCHAR(64)   NOT NULL,
    payload         TEXT          NOT NULL,
    status          VARCHAR(8)    NOT NULL,
    attempts        INTEGER       NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    claim           VARCHAR(36),
    last_error      VARCHAR(2000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE,
    CONSTRAINT notification_outbox_once UNIQUE (notice_id, subscription_id),
    CONSTRAINT notification_outbox_status CHECK (status IN ('PENDING', 'SENT', 'DEAD'))
);

CREATE INDEX notification_outbox_due ON notification_outbox (status, next_attempt_at);
CREATE INDEX notification_outbox_listed ON notification_outbox (status, created_at, id);
CREATE INDEX notification_outbox_all ON notification_outbox (created_at, id);
