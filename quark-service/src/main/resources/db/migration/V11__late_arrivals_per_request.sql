-- Events received after their day was complete, one row per storing request, stream and day of the events: the
-- instant the request was received (the raw rows' received_at) and how many of its new items were late. What changed
-- since a data version (GET /api/v1/changes) names these batches; completeness sums them per day received.
-- Advanced with the events, recut with the other day-keyed tables. Replaces late_daily, which kept only the day
-- received.
CREATE TABLE late_arrival (
    event_day   DATE                     NOT NULL,
    stream      VARCHAR(16)              NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    items       BIGINT                   NOT NULL,
    PRIMARY KEY (event_day, stream, received_at)
);

-- Where late items were counted already, forgetting the zone the aggregates were cut in makes the next start recut
-- them (DerivedFiguresGuard), which fills late_arrival from the raw rows' received_at. Without any, nothing is recut.
DELETE FROM rollup_state WHERE EXISTS (SELECT 1 FROM late_daily);
DROP TABLE late_daily;
