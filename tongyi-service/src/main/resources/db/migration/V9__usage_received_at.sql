-- The instant each usage event was received, beside the instant it happened: what says whether it came in time for its
-- day. Rows stored before it was recorded keep NULL (unknown) and are never counted late. On PostgreSQL the table is
-- partitioned by month: the column is added on the parent, which adds it to every partition.
ALTER TABLE usage_event ADD COLUMN received_at TIMESTAMP WITH TIME ZONE;

-- Events that arrived after their day was complete, per day of use and day received (both in the reporting zone),
-- advanced in the transaction that stores them: it outlives the raw events' retention, as the other rollups do.
CREATE TABLE usage_late_daily (
    usage_day    DATE   NOT NULL,
    received_day DATE   NOT NULL,
    items        BIGINT NOT NULL,
    PRIMARY KEY (usage_day, received_day)
);
