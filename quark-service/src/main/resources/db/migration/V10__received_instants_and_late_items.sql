-- The instant quark received each install, app open and AI session (one per request). Rows stored before this
-- migration keep NULL: when they arrived is unknown, and they are never counted late.
ALTER TABLE install_event ADD COLUMN received_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE activity_event ADD COLUMN received_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE ai_session ADD COLUMN received_at TIMESTAMP WITH TIME ZONE;

-- Events received after their day was complete (kpi.ingest.lateness after the day ends in the reporting zone), per
-- stream, day of the event and day received; advanced with the events, recut with the other day-keyed tables.
CREATE TABLE late_daily (
    stream       VARCHAR(16) NOT NULL,
    event_day    DATE        NOT NULL,
    received_day DATE        NOT NULL,
    items        BIGINT      NOT NULL,
    PRIMARY KEY (stream, event_day, received_day)
);
