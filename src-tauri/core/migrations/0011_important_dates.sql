-- Schema v11: a person's important dates (birthday, work anniversary, the day you met,
-- any occasion the user names), each a month and day with or without a year. The day
-- is checked for its month in Rust (February 29 needs a leap year or none). A date of a
-- merged-away person moves to the kept one; deleting a person removes theirs.
-- `reminded_for` is the occurrence (YYYY-MM-DD) whose reminder went out, so one is never
-- said twice, across restarts too.
CREATE TABLE important_date (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL CHECK (kind IN ('birthday', 'work_anniversary', 'met_on', 'other')),
    label         TEXT    NOT NULL DEFAULT '',
    month         INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    day           INTEGER NOT NULL CHECK (day BETWEEN 1 AND 31),
    year          INTEGER CHECK (year IS NULL OR year >= 1900),
    created_at    INTEGER NOT NULL,
    reminded_for  TEXT
);
-- One of each kind, day and label per person: merging and importing again add none twice.
CREATE UNIQUE INDEX important_date_once ON important_date (person_id, kind, month, day, label COLLATE NOCASE);
