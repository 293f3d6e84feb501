-- newsmetrics schema, version 2: run state that must survive a crash.
-- "reconciled" is false from the first write of a batch until the profile is rebuilt,
-- in the same transactions, so a re-run knows whether reconciliation is still owed.
CREATE TABLE IF NOT EXISTS state (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
INSERT INTO state VALUES ('reconciled', 'false') ON CONFLICT DO NOTHING;
