//! Figures kept on each person's row (first and last touch, first call and meeting, messages since
//! they last spoke), recomputed from their touches in the same transaction as every
//! write to those touches. Screens over a large diary read them instead of the touches.

use std::sync::LazyLock;

use rusqlite::{params, Connection};

use crate::storage::error::Result;
use crate::vocab::Channel;

/// Migration 0003's backfill for one person, its channel lists made from the Rust rules.
static REFRESH: LazyLock<[String; 2]> = LazyLock::new(|| {
    let of = |wanted: fn(Channel) -> bool| Channel::sql_list(wanted);
    [
        format!(
            "UPDATE person SET
                last_touch_at = (SELECT max(t.happened_at) FROM touch_person tp JOIN touch t ON t.id = tp.touch_id AND t.deleted_at IS NULL
                                 WHERE tp.person_id = person.id),
                first_call_at = (SELECT min(t.happened_at) FROM touch_person tp JOIN touch t ON t.id = tp.touch_id AND t.deleted_at IS NULL
                                 WHERE tp.person_id = person.id AND t.channel IN {voice}),
                first_met_at = (SELECT min(t.happened_at) FROM touch_person tp JOIN touch t ON t.id = tp.touch_id AND t.deleted_at IS NULL
                                WHERE tp.person_id = person.id AND t.channel IN {met}),
                last_spoken_at = (SELECT max(t.happened_at) FROM touch_person tp JOIN touch t ON t.id = tp.touch_id AND t.deleted_at IS NULL
                                  WHERE tp.person_id = person.id AND t.channel IN {spoken}),
                first_touch_at = (SELECT min(t.happened_at) FROM touch_person tp JOIN touch t ON t.id = tp.touch_id AND t.deleted_at IS NULL
                                  WHERE tp.person_id = person.id),
                first_touch_id = (SELECT tp.touch_id FROM touch_person tp JOIN touch t ON t.id = tp.touch_id AND t.deleted_at IS NULL
                                  WHERE tp.person_id = person.id ORDER BY tp.happened_at, tp.touch_id LIMIT 1)
             WHERE id = ?1",
            voice = of(Channel::is_voice),
            met = of(Channel::is_face_to_face),
            spoken = of(Channel::is_spoken),
        ),
        format!(
            "UPDATE person SET (messages_since_spoken, newest_message_id) = (
                SELECT count(*), max(t.id) FROM touch_person tp JOIN touch t ON t.id = tp.touch_id AND t.deleted_at IS NULL
                WHERE tp.person_id = person.id AND t.personal = 1 AND t.channel IN {written}
                  AND t.happened_at > coalesce(person.last_spoken_at, -1))
             WHERE id = ?1",
            written = of(Channel::is_written),
        ),
    ]
});

/// Every channel list the figures' statements use, for the test that holds them to the rules.
#[cfg(test)]
pub(crate) fn statements() -> &'static [String; 2] {
    &REFRESH
}

/// Recomputes the figures of each of `people`.
pub(crate) fn refresh(conn: &Connection, people: impl IntoIterator<Item = i64>) -> Result<()> {
    for person in people {
        for sql in REFRESH.iter() {
            conn.prepare_cached(sql)?.execute([person])?;
        }
    }
    Ok(())
}

/// Brings the figures of `people` up to date with one touch just logged with them, without
/// reading all their touches again: logging is the hot path (a bulk import logs thousands).
pub(crate) fn add_touch(conn: &Connection, people: &[i64], touch: i64, at: i64, channel: Channel, personal: bool) -> Result<()> {
    let spoken = channel.is_spoken();
    for &person in people {
        conn.prepare_cached(
            "UPDATE person SET
                last_touch_at = max(coalesce(last_touch_at, ?2), ?2),
                first_call_at = CASE WHEN ?3 THEN min(coalesce(first_call_at, ?2), ?2) ELSE first_call_at END,
                first_met_at = CASE WHEN ?4 THEN min(coalesce(first_met_at, ?2), ?2) ELSE first_met_at END,
                first_touch_id = CASE WHEN first_touch_at IS NULL OR ?2 < first_touch_at OR (?2 = first_touch_at AND ?5 < first_touch_id)
                                      THEN ?5 ELSE first_touch_id END,
                first_touch_at = min(coalesce(first_touch_at, ?2), ?2)
             WHERE id = ?1",
        )?
        .execute(params![person, at, channel.is_voice(), channel.is_face_to_face(), touch])?;
        if spoken {
            // A call or meeting later than the last one restarts the count of messages.
            let later: bool =
                conn.query_row("SELECT coalesce(last_spoken_at, -1) < ?2 FROM person WHERE id = ?1", params![person, at], |r| r.get(0))?;
            if later {
                conn.prepare_cached("UPDATE person SET last_spoken_at = ?2 WHERE id = ?1")?.execute(params![person, at])?;
                conn.prepare_cached(&REFRESH[1])?.execute([person])?;
            }
        } else if personal && channel.is_written() {
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
