-- Schema v9: the people whose place in the funnel may have changed, each with the
-- number of the latest write that touched them. The funnel keeps everyone's record in
-- memory and, on each view, reads again only the people numbered past what it has seen.
-- The triggers below are the only writers, so no write path has to remember it, and a
-- second connection on the same file is seen too. A person's row is renumbered, never
-- deleted: one per person at most. (An upsert, not INSERT OR REPLACE: a statement's
-- own conflict policy, and a cascade's, would override a trigger's OR clause.)
CREATE TABLE funnel_change (
    person_id  INTEGER PRIMARY KEY,
    seq        INTEGER NOT NULL
);
CREATE INDEX funnel_change_by_seq ON funnel_change (seq);

-- Their rung history: being added, every change of rung, an undone import's.
CREATE TRIGGER funnel_rung_insert AFTER INSERT ON rung_change BEGIN
    INSERT INTO funnel_change (person_id, seq)
    VALUES (new.person_id, (SELECT coalesce(max(seq), 0) + 1 FROM funnel_change))
    ON CONFLICT (person_id) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER funnel_rung_update AFTER UPDATE ON rung_change BEGIN
    INSERT INTO funnel_change (person_id, seq)
    SELECT old.person_id, (SELECT coalesce(max(seq), 0) + 1 FROM funnel_change) WHERE true
    UNION SELECT new.person_id, (SELECT coalesce(max(seq), 0) + 1 FROM funnel_change) WHERE true
    ON CONFLICT (person_id) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER funnel_rung_delete AFTER DELETE ON rung_change BEGIN
    INSERT INTO funnel_change (person_id, seq)
    VALUES (old.person_id, (SELECT coalesce(max(seq), 0) + 1 FROM funnel_change))
    ON CONFLICT (person_id) DO UPDATE SET seq = excluded.seq;
END;

-- Their row: what the funnel reads of it (the figures kept from their touches among it).
CREATE TRIGGER funnel_person_insert AFTER INSERT ON person BEGIN
    INSERT INTO funnel_change (person_id, seq)
    VALUES (new.id, (SELECT coalesce(max(seq), 0) + 1 FROM funnel_change))
    ON CONFLICT (person_id) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER funnel_person_update
AFTER UPDATE OF rung, display_name, last_touch_at, first_call_at, first_met_at, first_touch_id, import_run_id, merged_into, archived_at
ON person BEGIN
    INSERT INTO funnel_change (person_id, seq)
    VALUES (new.id, (SELECT coalesce(max(seq), 0) + 1 FROM funnel_change))
    ON CONFLICT (person_id) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER funnel_person_delete AFTER DELETE ON person BEGIN
    INSERT INTO funnel_change (person_id, seq)
    VALUES (old.id, (SELECT coalesce(max(seq), 0) + 1 FROM funnel_change))
    ON CONFLICT (person_id) DO UPDATE SET seq = excluded.seq;
END;

-- Their first touch: where it happened and when, should it be edited in place, and
-- touches taken from them (a touch deleted for good, a merge). A touch logged moves
-- their row's figures, which is seen above.
CREATE TRIGGER funnel_touch_update AFTER UPDATE OF happened_at, channel, platform, deleted_at ON touch BEGIN
    INSERT INTO funnel_change (person_id, seq)
    SELECT tp.person_id, (SELECT coalesce(max(seq), 0) + 1 FROM funnel_change) FROM touch_person tp WHERE tp.touch_id = new.id
    ON CONFLICT (person_id) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER funnel_touch_person_update AFTER UPDATE OF person_id ON touch_person BEGIN
    INSERT INTO funnel_change (person_id, seq)
    SELECT old.person_id, (SELECT coalesce(max(seq), 0) + 1 FROM funnel_change) WHERE true
    UNION SELECT new.person_id, (SELECT coalesce(max(seq), 0) + 1 FROM funnel_change) WHERE true
    ON CONFLICT (person_id) DO UPDATE SET seq = excluded.seq;
END;
CREATE TRIGGER funnel_touch_person_delete AFTER DELETE ON touch_person BEGIN
    INSERT INTO funnel_change (person_id, seq)
    VALUES (old.person_id, (SELECT coalesce(max(seq), 0) + 1 FROM funnel_change))
    ON CONFLICT (person_id) DO UPDATE SET seq = excluded.seq;
END;
