-- Schema v2: search reaches handles, tags and notes of people, and the notes of touches.

DROP TRIGGER person_search_insert;
DROP TRIGGER person_search_delete;
DROP TRIGGER person_search_update;
DROP TABLE person_search;

-- One row per person (rowid = person id), written by the core whenever a person, their
-- handles or their tags change: what search-as-you-type looks in.
CREATE VIRTUAL TABLE person_search USING fts5 (
    display_name, company, title, handles, tags, notes,
    prefix = '1 2 3 4',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO person_search (rowid, display_name, company, title, handles, tags, notes)
SELECT p.id, p.display_name, p.company, p.title,
       coalesce((SELECT group_concat(h.value, ' ') FROM handle h WHERE h.person_id = p.id), ''),
       coalesce((SELECT group_concat(t.name, ' ') FROM person_tag pt JOIN tag t ON t.id = pt.tag_id
                 WHERE pt.person_id = p.id), ''),
       p.how_met || ' ' || p.why_matters || ' ' || p.notes
FROM person p;

-- The notes of every touch, kept in step by triggers.
CREATE VIRTUAL TABLE touch_search USING fts5 (
    notes,
    content = 'touch', content_rowid = 'id',
    prefix = '1 2 3 4',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO touch_search (touch_search) VALUES ('rebuild');
CREATE TRIGGER touch_search_insert AFTER INSERT ON touch BEGIN
    INSERT INTO touch_search (rowid, notes) VALUES (new.id, new.notes);
END;
CREATE TRIGGER touch_search_delete AFTER DELETE ON touch BEGIN
    INSERT INTO touch_search (touch_search, rowid, notes) VALUES ('delete', old.id, old.notes);
END;
CREATE TRIGGER touch_search_update AFTER UPDATE OF notes ON touch BEGIN
    INSERT INTO touch_search (touch_search, rowid, notes) VALUES ('delete', old.id, old.notes);
    INSERT INTO touch_search (rowid, notes) VALUES (new.id, new.notes);
END;
