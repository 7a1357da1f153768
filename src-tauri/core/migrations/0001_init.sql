-- Schema v1: the whole diary in DESIGN.md's vocabulary.
-- Instants are INTEGER seconds since the Unix epoch, UTC (`*_at`).
-- Local calendar dates (a week's first day) are TEXT 'YYYY-MM-DD'.

CREATE TABLE person (
    id            INTEGER PRIMARY KEY,
    display_name  TEXT    NOT NULL CHECK (length(trim(display_name)) > 0),
    company       TEXT    NOT NULL DEFAULT '',
    title         TEXT    NOT NULL DEFAULT '',
    how_met       TEXT    NOT NULL DEFAULT '',
    why_matters   TEXT    NOT NULL DEFAULT '',
    notes         TEXT    NOT NULL DEFAULT '',
    rung          TEXT    NOT NULL DEFAULT 'noticed'
                  CHECK (rung IN ('noticed','connected','conversing','spoken','met','working')),
    cadence_days  INTEGER CHECK (cadence_days IS NULL OR cadence_days > 0),
    -- Set when this person was merged into another; kept so links never dangle.
    merged_into   INTEGER REFERENCES person(id) ON DELETE SET NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    archived_at   INTEGER
);
CREATE INDEX person_by_name ON person (display_name COLLATE NOCASE, id);
CREATE INDEX person_by_rung ON person (rung) WHERE archived_at IS NULL;

-- Search as you type over names, companies and titles (prefix indexes up to 4 characters).
CREATE VIRTUAL TABLE person_search USING fts5 (
    display_name, company, title,
    content = 'person', content_rowid = 'id',
    prefix = '1 2 3 4',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER person_search_insert AFTER INSERT ON person BEGIN
    INSERT INTO person_search (rowid, display_name, company, title)
    VALUES (new.id, new.display_name, new.company, new.title);
END;
CREATE TRIGGER person_search_delete AFTER DELETE ON person BEGIN
    INSERT INTO person_search (person_search, rowid, display_name, company, title)
    VALUES ('delete', old.id, old.display_name, old.company, old.title);
END;
CREATE TRIGGER person_search_update AFTER UPDATE OF display_name, company, title ON person BEGIN
    INSERT INTO person_search (person_search, rowid, display_name, company, title)
    VALUES ('delete', old.id, old.display_name, old.company, old.title);
    INSERT INTO person_search (rowid, display_name, company, title)
    VALUES (new.id, new.display_name, new.company, new.title);
END;

CREATE TABLE handle (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    platform      TEXT    NOT NULL
                  CHECK (platform IN ('x','linkedin','facebook','instagram','email','phone','website','other')),
    value         TEXT    NOT NULL CHECK (length(trim(value)) > 0),
    url           TEXT    NOT NULL DEFAULT '',
    professional  INTEGER NOT NULL DEFAULT 1 CHECK (professional IN (0, 1)),
    created_at    INTEGER NOT NULL
);
CREATE INDEX handle_by_person ON handle (person_id);
-- Import matching: "is this email / profile already someone's?"
CREATE INDEX handle_by_value ON handle (platform, value COLLATE NOCASE);

CREATE TABLE tag (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0)
);
CREATE TABLE person_tag (
    person_id  INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tag(id) ON DELETE CASCADE,
    PRIMARY KEY (person_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX person_tag_by_tag ON person_tag (tag_id, person_id);

CREATE TABLE touch (
    id                  INTEGER PRIMARY KEY,
    happened_at         INTEGER NOT NULL,
    channel             TEXT    NOT NULL
                        CHECK (channel IN ('public_post','direct_message','email','letter','phone','video','in_person','event')),
    platform            TEXT,
    direction           TEXT    NOT NULL DEFAULT 'out' CHECK (direction IN ('in','out')),
    personal            INTEGER NOT NULL DEFAULT 1 CHECK (personal IN (0, 1)),
    duration_minutes    INTEGER CHECK (duration_minutes IS NULL OR duration_minutes >= 0),
    notes               TEXT    NOT NULL DEFAULT '',
    outcome             TEXT    NOT NULL DEFAULT 'none'
                        CHECK (outcome IN ('none','replied','call_booked','meeting_booked','referral','business_won')),
    outcome_value_cents INTEGER,
    outcome_currency    TEXT,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    -- Deleted touches stay recoverable until purged.
    deleted_at          INTEGER
);
CREATE INDEX touch_by_time ON touch (happened_at);

-- A touch can involve several people. `happened_at` is copied here (kept in step by a
-- trigger) so "a person's touches, newest first" and "last touch per person" are one index.
CREATE TABLE touch_person (
    touch_id     INTEGER NOT NULL REFERENCES touch(id) ON DELETE CASCADE,
    person_id    INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    happened_at  INTEGER NOT NULL,
    PRIMARY KEY (touch_id, person_id)
) WITHOUT ROWID;
CREATE INDEX touch_person_by_person ON touch_person (person_id, happened_at);
CREATE TRIGGER touch_person_time AFTER UPDATE OF happened_at ON touch BEGIN
    UPDATE touch_person SET happened_at = new.happened_at WHERE touch_id = new.id;
END;

-- Every change of rung, with its date and the touch that caused it (if any).
CREATE TABLE rung_change (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    from_rung   TEXT CHECK (from_rung IN ('noticed','connected','conversing','spoken','met','working')),
    to_rung     TEXT NOT NULL CHECK (to_rung IN ('noticed','connected','conversing','spoken','met','working')),
    changed_at  INTEGER NOT NULL,
    touch_id    INTEGER REFERENCES touch(id) ON DELETE SET NULL,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX rung_change_by_person ON rung_change (person_id, changed_at);
CREATE INDEX rung_change_by_time ON rung_change (changed_at);

CREATE TABLE follow_up (
    id             INTEGER PRIMARY KEY,
    person_id      INTEGER REFERENCES person(id) ON DELETE CASCADE,
    touch_id       INTEGER REFERENCES touch(id) ON DELETE SET NULL,
    kind           TEXT    NOT NULL DEFAULT 'other' CHECK (kind IN ('call','meet','write','thank','other')),
    title          TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    notes          TEXT    NOT NULL DEFAULT '',
    -- The instant it is due; `due_has_time` = 0 means "some time that local day".
    due_at         INTEGER NOT NULL,
    due_has_time   INTEGER NOT NULL DEFAULT 1 CHECK (due_has_time IN (0, 1)),
    status         TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open','done','snoozed','dropped')),
    snoozed_until  INTEGER,
    notified_at    INTEGER,
    done_at        INTEGER,
    done_touch_id  INTEGER REFERENCES touch(id) ON DELETE SET NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX follow_up_by_due ON follow_up (status, due_at);
CREATE INDEX follow_up_by_person ON follow_up (person_id, status);
CREATE INDEX follow_up_by_done ON follow_up (done_at) WHERE done_at IS NOT NULL;
CREATE INDEX follow_up_by_created ON follow_up (created_at);

-- A computed nudge the user dismissed; `facts` fingerprints what it was computed from,
-- so it returns only when those facts change.
CREATE TABLE nudge_dismissal (
    person_id     INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL,
    facts         TEXT    NOT NULL,
    dismissed_at  INTEGER NOT NULL,
    PRIMARY KEY (person_id, kind)
) WITHOUT ROWID;

-- Platforms that time is tracked on; the list is editable.
CREATE TABLE platform (
    key          TEXT PRIMARY KEY CHECK (length(trim(key)) > 0),
    label        TEXT NOT NULL,
    position     INTEGER NOT NULL DEFAULT 0,
    archived_at  INTEGER
) WITHOUT ROWID;
INSERT INTO platform (key, label, position) VALUES
    ('x', 'X', 1), ('linkedin', 'LinkedIn', 2), ('facebook', 'Facebook', 3),
    ('instagram', 'Instagram', 4), ('email', 'Email', 5), ('other', 'Other', 6);

CREATE TABLE session (
    id          INTEGER PRIMARY KEY,
    platform    TEXT    NOT NULL REFERENCES platform(key) ON UPDATE CASCADE,
    started_at  INTEGER NOT NULL,
    -- NULL while the timer runs.
    ended_at    INTEGER CHECK (ended_at IS NULL OR ended_at >= started_at),
    source      TEXT    NOT NULL DEFAULT 'timer' CHECK (source IN ('timer','manual')),
    note        TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX session_by_start ON session (started_at);
-- At most one running timer.
CREATE UNIQUE INDEX session_one_running ON session ((ended_at IS NULL)) WHERE ended_at IS NULL;

-- Weekly minutes; scope is 'all' (social media as a whole) or a platform key.
CREATE TABLE budget (
    scope           TEXT PRIMARY KEY,
    weekly_minutes  INTEGER NOT NULL CHECK (weekly_minutes > 0)
) WITHOUT ROWID;
INSERT INTO budget (scope, weekly_minutes) VALUES ('all', 300);

-- Warnings already sent (80 % / 100 %), so each goes out once a week.
CREATE TABLE budget_warning (
    week_start  TEXT    NOT NULL,
    scope       TEXT    NOT NULL,
    percent     INTEGER NOT NULL CHECK (percent IN (80, 100)),
    sent_at     INTEGER NOT NULL,
    PRIMARY KEY (week_start, scope, percent)
) WITHOUT ROWID;

-- The user's own reflection for a week (keyed by the week's first local day).
CREATE TABLE week_journal (
    week_start  TEXT PRIMARY KEY,
    journal     TEXT NOT NULL DEFAULT '',
    updated_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE week_answer (
    week_start  TEXT    NOT NULL REFERENCES week_journal(week_start) ON DELETE CASCADE,
    prompt      TEXT    NOT NULL,
    answer      TEXT    NOT NULL DEFAULT '',
    ticked      INTEGER NOT NULL DEFAULT 0 CHECK (ticked IN (0, 1)),
    PRIMARY KEY (week_start, prompt)
) WITHOUT ROWID;
CREATE TABLE week_intention (
    id            INTEGER PRIMARY KEY,
    week_start    TEXT    NOT NULL REFERENCES week_journal(week_start) ON DELETE CASCADE,
    text          TEXT    NOT NULL,
    follow_up_id  INTEGER REFERENCES follow_up(id) ON DELETE SET NULL
);
CREATE INDEX week_intention_by_week ON week_intention (week_start);

-- Settings as JSON values by key.
CREATE TABLE setting (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;
