-- Business-unit and group figures read every app's sketches of a bucket range; without this index each such read
-- scanned the whole sketch table (the primary key starts with app_id).
CREATE INDEX user_sketch_bucket_idx ON user_sketch (audience, grain, bucket_start);
