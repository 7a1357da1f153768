-- Schema v6: imports of the platforms' archives. Each apply is a run that can be undone
-- whole; every touch it wrote keeps its key in the source, so the same archive (or next
-- month's) imported again adds only what is new.
CREATE TABLE import_run (
    id          INTEGER PRIMARY KEY,
    source      TEXT    NOT NULL
                CHECK (source IN ('linkedin','x','facebook','instagram','whatsapp','calendar','mail')),
    file_name   TEXT    NOT NULL,
    applied_at  INTEGER NOT NULL,
    undone_at   INTEGER,
    touches     INTEGER NOT NULL DEFAULT 0,
    people      INTEGER NOT NULL DEFAULT 0,
    -- Whether the words of the messages were kept (off unless the user asked).
    words_kept  INTEGER NOT NULL DEFAULT 0 CHECK (words_kept IN (0, 1))
);

-- Where an imported touch came from, and how many messages it stands for.
CREATE TABLE touch_source (
    touch_id    INTEGER PRIMARY KEY REFERENCES touch(id) ON DELETE CASCADE,
    run_id      INTEGER NOT NULL REFERENCES import_run(id) ON DELETE CASCADE,
    source_key  TEXT    NOT NULL UNIQUE,
    messages    INTEGER NOT NULL DEFAULT 1 CHECK (messages > 0)
);
CREATE INDEX touch_source_by_run ON touch_source (run_id);

-- Who a source's correspondent is in the diary, so the next export finds the same
-- person even after they were renamed ("unknown account 12345" named by the user).
CREATE TABLE source_person (
    source     TEXT    NOT NULL,
    party_key  TEXT    NOT NULL,
    person_id  INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    PRIMARY KEY (source, party_key)
) WITHOUT ROWID;

-- Who the user is in each source, as last chosen in a preview.
CREATE TABLE source_self (
    source     TEXT NOT NULL PRIMARY KEY,
    party_key  TEXT NOT NULL
) WITHOUT ROWID;

-- The run that added a person, or moved them up a rung; undoing the run takes these back.
ALTER TABLE person ADD COLUMN import_run_id INTEGER REFERENCES import_run(id) ON DELETE SET NULL;
ALTER TABLE rung_change ADD COLUMN import_run_id INTEGER REFERENCES import_run(id) ON DELETE SET NULL;
