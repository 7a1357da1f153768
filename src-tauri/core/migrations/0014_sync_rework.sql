-- Schema v14: the people whose rung, figures and search entry are to be worked out
-- again from rows applied from other devices (sync/apply.rs). Written in the
-- transaction that applies a document's rows and worked out once at the end of the
-- round, so a device joining through sixty months' documents works each person out
-- once, not once a month. A stop in between leaves them here for the next round.
-- Stays on this device: neither exported nor synced.
CREATE TABLE sync_rework (
    person_id  INTEGER PRIMARY KEY,
    -- 1 when their search entry changes too (their row, handles or tags came).
    search     INTEGER NOT NULL DEFAULT 0
);
