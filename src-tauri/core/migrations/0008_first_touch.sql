-- Schema v8: each person's first touch kept on their row with the other figures
-- (figures.rs keeps it in step), so the funnel reads where every relationship started
-- without a seek down each person's touches.
ALTER TABLE person ADD COLUMN first_touch_at INTEGER;
ALTER TABLE person ADD COLUMN first_touch_id INTEGER;

UPDATE person SET
    first_touch_at = (SELECT min(t.happened_at) FROM touch_person tp JOIN touch t ON t.id = tp.touch_id AND t.deleted_at IS NULL
                      WHERE tp.person_id = person.id),
    first_touch_id = (SELECT tp.touch_id FROM touch_person tp JOIN touch t ON t.id = tp.touch_id AND t.deleted_at IS NULL
                      WHERE tp.person_id = person.id ORDER BY tp.happened_at, tp.touch_id LIMIT 1);
