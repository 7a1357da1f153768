-- Letters are written messages: "pick up the phone" counts them from schema 5 on, as the
-- ladder always did (migration 0003 left them out). Recount the people who have one.
UPDATE person SET (messages_since_spoken, newest_message_id) = (
    SELECT count(*), max(t.id) FROM touch_person tp JOIN touch t ON t.id = tp.touch_id AND t.deleted_at IS NULL
    WHERE tp.person_id = person.id AND t.personal = 1 AND t.channel IN ('public_post', 'direct_message', 'email', 'letter')
      AND t.happened_at > coalesce(person.last_spoken_at, -1))
WHERE id IN (SELECT tp.person_id FROM touch_person tp JOIN touch t ON t.id = tp.touch_id
             WHERE t.channel = 'letter' AND t.personal = 1 AND t.deleted_at IS NULL);
