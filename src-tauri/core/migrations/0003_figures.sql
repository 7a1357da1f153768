-- Schema v3: figures kept on each person's row, so that screens over a large diary
-- read one row per person instead of every person's touches. The core recomputes them
-- in the same transaction as every write to that person's touches (figures.rs).

ALTER TABLE person ADD COLUMN last_touch_at INTEGER;
-- First phone or video call, first meeting in person or at an event.
ALTER TABLE person ADD COLUMN first_call_at INTEGER;
ALTER TABLE person ADD COLUMN first_met_at INTEGER;
-- The last call or meeting: after it, personal online messages count towards
-- "pick up the phone".
ALTER TABLE person ADD COLUMN last_spoken_at INTEGER;
ALTER TABLE person ADD COLUMN messages_since_spoken INTEGER NOT NULL DEFAULT 0;
ALTER TABLE person ADD COLUMN newest_message_id INTEGER;

UPDATE person SET
    last_touch_at = (SELECT max(t.happened_at) FROM touch_person tp JOIN touch t ON t.id = tp.touch_id AND t.deleted_at IS NULL
                     WHERE tp.person_id = person.id),
    first_call_at = (SELECT min(t.happened_at) FROM touch_person tp JOIN touch t ON t.id = tp.touch_id AND t.deleted_at IS NULL
                     WHERE tp.person_id = person.id AND t.channel IN ('phone', 'video')),
    first_met_at = (SELECT min(t.happened_at) FROM touch_person tp JOIN touch t ON t.id = tp.touch_id AND t.deleted_at IS NULL
                    WHERE tp.person_id = person.id AND t.channel IN ('in_person', 'event')),
    last_spoken_at = (SELECT max(t.happened_at) FROM touch_person tp JOIN touch t ON t.id = tp.touch_id AND t.deleted_at IS NULL
                      WHERE tp.person_id = person.id AND t.channel IN ('phone', 'video', 'in_person', 'event'));
UPDATE person SET (messages_since_spoken, newest_message_id) = (
    SELECT count(*), max(t.id) FROM touch_person tp JOIN touch t ON t.id = tp.touch_id AND t.deleted_at IS NULL
    WHERE tp.person_id = person.id AND t.personal = 1 AND t.channel IN ('public_post', 'direct_message', 'email')
      AND t.happened_at > coalesce(person.last_spoken_at, -1));

-- The Ladder board: each rung's most recently touched people.
CREATE INDEX person_board ON person (rung, last_touch_at DESC) WHERE archived_at IS NULL AND merged_into IS NULL;
-- "Pick up the phone": the most messages without a call first.
CREATE INDEX person_messages ON person (messages_since_spoken DESC, display_name COLLATE NOCASE)
    WHERE messages_since_spoken > 0 AND archived_at IS NULL AND merged_into IS NULL;
-- Silences (cadence, gone quiet) from the index alone.
CREATE INDEX person_silence ON person (last_touch_at, cadence_days, rung, display_name)
    WHERE last_touch_at IS NOT NULL AND archived_at IS NULL AND merged_into IS NULL;
CREATE INDEX person_first_call ON person (first_call_at) WHERE first_call_at IS NOT NULL;
CREATE INDEX person_first_met ON person (first_met_at) WHERE first_met_at IS NOT NULL;
-- A week's touches by channel, platform, personal and outcome, from the index alone.
CREATE INDEX touch_week ON touch (happened_at, channel, personal, outcome, platform) WHERE deleted_at IS NULL;
-- Referrals and business won: "say thank you".
CREATE INDEX touch_thanks ON touch (happened_at) WHERE outcome IN ('referral', 'business_won') AND deleted_at IS NULL;
