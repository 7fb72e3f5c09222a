-- How each app's figures arrive: EVENTS (installs, opens and AI sessions one by one, as JSON batches or Segment
-- calls) or AGGREGATES (one set of figures per day from the data platform). Every existing app was fed by events.
ALTER TABLE app ADD COLUMN feed VARCHAR(12) DEFAULT 'EVENTS' NOT NULL;

-- The bundle ids (iOS bundle identifiers, Android package names) that name an app in a Segment call's
-- context.app.namespace; the primary key keeps a bundle id to one app.
CREATE TABLE app_bundle (
    bundle_id VARCHAR(255) PRIMARY KEY,
    app_id    VARCHAR(64)  NOT NULL REFERENCES app (app_id)
);
CREATE INDEX app_bundle_app_idx ON app_bundle (app_id);
