//! Figures kept on each person's row (last touch, first call and meeting, messages since
//! they last spoke), recomputed from their touches in the same transaction as every
//! write to those touches. Screens over a large diary read them instead of the touches.

use rusqlite::{params, Connection};

use crate::storage::error::Result;
use crate::vocab::Channel;

/// The same statements as migration 0003's backfill, for one person.
const REFRESH: [&str; 2] = [
    "UPDATE person SET
        last_touch_at = (SELECT max(t.happened_at) FROM touch_person tp JOIN touch t ON t.id = tp.touch_id AND t.deleted_at IS NULL
                         WHERE tp.person_id = person.id),
        first_call_at = (SELECT min(t.happened_at) FROM touch_person tp JOIN touch t ON t.id = tp.touch_id AND t.deleted_at IS NULL
                         WHERE tp.person_id = person.id AND t.channel IN ('phone', 'video')),
        first_met_at = (SELECT min(t.happened_at) FROM touch_person tp JOIN touch t ON t.id = tp.touch_id AND t.deleted_at IS NULL
                        WHERE tp.person_id = person.id AND t.channel IN ('in_person', 'event')),
        last_spoken_at = (SELECT max(t.happened_at) FROM touch_person tp JOIN touch t ON t.id = tp.touch_id AND t.deleted_at IS NULL
                          WHERE tp.person_id = person.id AND t.channel IN ('phone', 'video', 'in_person', 'event'))
     WHERE id = ?1",
    "UPDATE person SET (messages_since_spoken, newest_message_id) = (
        SELECT count(*), max(t.id) FROM touch_person tp JOIN touch t ON t.id = tp.touch_id AND t.deleted_at IS NULL
        WHERE tp.person_id = person.id AND t.personal = 1 AND t.channel IN ('public_post', 'direct_message', 'email')
          AND t.happened_at > coalesce(person.last_spoken_at, -1))
     WHERE id = ?1",
];

/// Recomputes the figures of each of `people`.
pub(crate) fn refresh(conn: &Connection, people: impl IntoIterator<Item = i64>) -> Result<()> {
    for person in people {
        for sql in REFRESH {
            conn.prepare_cached(sql)?.execute([person])?;
        }
    }
    Ok(())
}

/// Brings the figures of `people` up to date with one touch just logged with them, without
/// reading all their touches again: logging is the hot path (a bulk import logs thousands).
pub(crate) fn add_touch(conn: &Connection, people: &[i64], touch: i64, at: i64, channel: Channel, personal: bool) -> Result<()> {
    let spoken = channel.is_voice() || channel.is_face_to_face();
    for &person in people {
        conn.prepare_cached(
            "UPDATE person SET
                last_touch_at = max(coalesce(last_touch_at, ?2), ?2),
                first_call_at = CASE WHEN ?3 THEN min(coalesce(first_call_at, ?2), ?2) ELSE first_call_at END,
                first_met_at = CASE WHEN ?4 THEN min(coalesce(first_met_at, ?2), ?2) ELSE first_met_at END
             WHERE id = ?1",
        )?
        .execute(params![person, at, channel.is_voice(), channel.is_face_to_face()])?;
        if spoken {
            // A call or meeting later than the last one restarts the count of messages.
            let later: bool =
                conn.query_row("SELECT coalesce(last_spoken_at, -1) < ?2 FROM person WHERE id = ?1", params![person, at], |r| r.get(0))?;
            if later {
                conn.prepare_cached("UPDATE person SET last_spoken_at = ?2 WHERE id = ?1")?.execute(params![person, at])?;
                conn.prepare_cached(REFRESH[1])?.execute([person])?;
            }
        } else if personal && channel.is_online() {
            conn.prepare_cached(
                "UPDATE person SET messages_since_spoken = messages_since_spoken + 1,
                                   newest_message_id = max(coalesce(newest_message_id, ?3), ?3)
                 WHERE id = ?1 AND ?2 > coalesce(last_spoken_at, -1)",
            )?
            .execute(params![person, at, touch])?;
        }
    }
    Ok(())
}

/// The people a touch is linked to.
pub(crate) fn people_of(conn: &Connection, touch: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT person_id FROM touch_person WHERE touch_id = ?1")?;
    let rows = stmt.query_map([touch], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
