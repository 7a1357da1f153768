-- Schema v7: time the watcher measured is a session too, with source 'watched'. SQLite
-- cannot alter a CHECK, so the table is rebuilt with every row, id and index kept.
-- A watched session is written with its last-seen instant as its end, so it is never
-- left running: a kill closes it where it was last seen.
CREATE TABLE session_v7 (
    id          INTEGER PRIMARY KEY,
    platform    TEXT    NOT NULL REFERENCES platform(key) ON UPDATE CASCADE,
    started_at  INTEGER NOT NULL,
    -- NULL while the timer runs.
    ended_at    INTEGER CHECK (ended_at IS NULL OR ended_at >= started_at),
    source      TEXT    NOT NULL DEFAULT 'timer' CHECK (source IN ('timer','manual','watched')),
    note        TEXT    NOT NULL DEFAULT '',
    -- Only a timer runs; watched time always has an end.
    CHECK (source <> 'watched' OR ended_at IS NOT NULL)
);
INSERT INTO session_v7 (id, platform, started_at, ended_at, source, note)
    SELECT id, platform, started_at, ended_at, source, note FROM session;
DROP TABLE session;
ALTER TABLE session_v7 RENAME TO session;
CREATE INDEX session_by_start ON session (started_at);
-- At most one running timer.
CREATE UNIQUE INDEX session_one_running ON session ((ended_at IS NULL)) WHERE ended_at IS NULL;
