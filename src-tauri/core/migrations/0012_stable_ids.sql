-- Devices. Every row that syncs between devices gets a global id, `uid`, beside its
-- local one; rows travel between devices by it, and so do their links to each other.
--
-- A row already here gets one made of what every copy of this file holds (its table,
-- local id and creation time), so a diary copied to two machines before it synced gives
-- each row one id on both. A row made later gets the time it was made (milliseconds)
-- and 80 random bits, in hex (storage/uid.rs): two devices adding a row each never give
-- them the same, and ids in the order rows are made keep the index cheap to add to.
-- The rows made in bulk (people, handles, touches, rung changes) are given theirs in
-- the insert itself; the trigger gives one to any other row, whoever inserts it.
--
-- Rows named by what they hold need none: a tag by its name, a platform by its key, a
-- budget by its scope, a week by its start, a setting by its key; a pair (a person's
-- tag, a touch's person, two people kept apart, a dismissed nudge) by the ids of both.

-- The funnel marks a person when their rung history changes, not when a row gets an id.
DROP TRIGGER funnel_rung_update;
CREATE TRIGGER funnel_rung_update
AFTER UPDATE OF person_id, from_rung, to_rung, changed_at, touch_id, note, import_run_id ON rung_change BEGIN
    INSERT INTO funnel_change (person_id, seq)
    SELECT old.person_id, (SELECT coalesce(max(seq), 0) + 1 FROM funnel_change) WHERE true
    UNION SELECT new.person_id, (SELECT coalesce(max(seq), 0) + 1 FROM funnel_change) WHERE true
    ON CONFLICT (person_id) DO UPDATE SET seq = excluded.seq;
END;

ALTER TABLE person ADD COLUMN uid TEXT;
UPDATE person SET uid = printf('person-%d-%d', id, created_at);
CREATE UNIQUE INDEX person_by_uid ON person (uid);
CREATE TRIGGER person_uid AFTER INSERT ON person WHEN new.uid IS NULL BEGIN
    UPDATE person SET uid = printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) || lower(hex(randomblob(10))) WHERE id = new.id;
END;

ALTER TABLE handle ADD COLUMN uid TEXT;
UPDATE handle SET uid = printf('handle-%d-%d', id, created_at);
CREATE UNIQUE INDEX handle_by_uid ON handle (uid);
CREATE TRIGGER handle_uid AFTER INSERT ON handle WHEN new.uid IS NULL BEGIN
    UPDATE handle SET uid = printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) || lower(hex(randomblob(10))) WHERE id = new.id;
END;

ALTER TABLE touch ADD COLUMN uid TEXT;
UPDATE touch SET uid = printf('touch-%d-%d', id, created_at);
CREATE UNIQUE INDEX touch_by_uid ON touch (uid);
CREATE TRIGGER touch_uid AFTER INSERT ON touch WHEN new.uid IS NULL BEGIN
    UPDATE touch SET uid = printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) || lower(hex(randomblob(10))) WHERE id = new.id;
END;

ALTER TABLE rung_change ADD COLUMN uid TEXT;
UPDATE rung_change SET uid = printf('rung_change-%d-%d', id, changed_at);
CREATE UNIQUE INDEX rung_change_by_uid ON rung_change (uid);
CREATE TRIGGER rung_change_uid AFTER INSERT ON rung_change WHEN new.uid IS NULL BEGIN
    UPDATE rung_change SET uid = printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) || lower(hex(randomblob(10))) WHERE id = new.id;
END;

ALTER TABLE follow_up ADD COLUMN uid TEXT;
UPDATE follow_up SET uid = printf('follow_up-%d-%d', id, created_at);
CREATE UNIQUE INDEX follow_up_by_uid ON follow_up (uid);
CREATE TRIGGER follow_up_uid AFTER INSERT ON follow_up WHEN new.uid IS NULL BEGIN
    UPDATE follow_up SET uid = printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) || lower(hex(randomblob(10))) WHERE id = new.id;
END;

ALTER TABLE session ADD COLUMN uid TEXT;
UPDATE session SET uid = printf('session-%d-%d', id, started_at);
CREATE UNIQUE INDEX session_by_uid ON session (uid);
CREATE TRIGGER session_uid AFTER INSERT ON session WHEN new.uid IS NULL BEGIN
    UPDATE session SET uid = printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) || lower(hex(randomblob(10))) WHERE id = new.id;
END;

ALTER TABLE week_intention ADD COLUMN uid TEXT;
UPDATE week_intention SET uid = printf('week_intention-%d-%s', id, week_start);
CREATE UNIQUE INDEX week_intention_by_uid ON week_intention (uid);
CREATE TRIGGER week_intention_uid AFTER INSERT ON week_intention WHEN new.uid IS NULL BEGIN
    UPDATE week_intention SET uid = printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) || lower(hex(randomblob(10))) WHERE id = new.id;
END;

ALTER TABLE important_date ADD COLUMN uid TEXT;
UPDATE important_date SET uid = printf('important_date-%d-%d', id, created_at);
CREATE UNIQUE INDEX important_date_by_uid ON important_date (uid);
CREATE TRIGGER important_date_uid AFTER INSERT ON important_date WHEN new.uid IS NULL BEGIN
    UPDATE important_date SET uid = printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) || lower(hex(randomblob(10))) WHERE id = new.id;
END;

ALTER TABLE import_run ADD COLUMN uid TEXT;
UPDATE import_run SET uid = printf('import_run-%d-%d', id, applied_at);
CREATE UNIQUE INDEX import_run_by_uid ON import_run (uid);
CREATE TRIGGER import_run_uid AFTER INSERT ON import_run WHEN new.uid IS NULL BEGIN
    UPDATE import_run SET uid = printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)) || lower(hex(randomblob(10))) WHERE id = new.id;
END;

-- What this device is to the others once sync is on (sync/device.rs). It stays on
-- this device: it is neither exported nor synced. A copy of the file that starts
-- syncing on another machine finds its id already used and takes one of its own.
CREATE TABLE this_device (
    only          INTEGER PRIMARY KEY CHECK (only = 1),
    id            TEXT    NOT NULL CHECK (length(id) > 0),
    name          TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    folder        TEXT    NOT NULL,
    turned_on_at  INTEGER NOT NULL,
    -- The count of the last file this device wrote; the next one is numbered past it.
    last_seq      INTEGER NOT NULL DEFAULT 0
);

-- The files this device wrote, by content hash: a file in its folder that is not one of
-- them was written by someone else under its id.
CREATE TABLE this_device_file (
    hash  TEXT PRIMARY KEY
) WITHOUT ROWID;
