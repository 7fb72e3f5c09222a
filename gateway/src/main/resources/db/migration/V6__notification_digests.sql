-- Digests: a subscription with digest daily or weekly hears its notices in a digest, not one by one. Written once for
-- H2 (PostgreSQL mode) and PostgreSQL 15.
--   HELD:     a notice queued for a digest subscription, waiting for its next digest (never delivered by itself);
--   DIGESTED: a held notice a digest took; digest_id names that digest's notice id (digest-weekly-2026-12-07).
-- The digest itself is an outbox row like any other (PENDING, then SENT or DEAD), written in the transaction that
-- marks the held rows it tells, so a held notice is told by exactly one digest.
ALTER TABLE notification_outbox DROP CONSTRAINT notification_outbox_status;
ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_status
    CHECK (status IN ('PENDING', 'SENT', 'DEAD', 'HELD', 'DIGESTED'));
ALTER TABLE notification_outbox ADD COLUMN digest_id VARCHAR(255);

CREATE INDEX notification_outbox_held ON notification_outbox (subscription_id, status, created_at);
