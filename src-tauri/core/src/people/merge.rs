//! Merging two records of the same person into one, losing nothing.

use rusqlite::params;

use crate::ladder::rungs;
use crate::people::person::Person;
use crate::storage::diary::Diary;
use crate::storage::error::{Error, Result};

impl Diary {
    /// Merges `absorb` into `keep`: touches, follow-ups, handles, tags, dates and rung history
    /// move to `keep`; fields `keep` left empty are filled from `absorb`, and notes are
    /// joined. `absorb` stays in the archive, marked as merged, so nothing is lost.
    pub fn merge_people(&mut self, keep: i64, absorb: i64) -> Result<Person> {
        if keep == absorb {
            return Err(Error::invalid("people", "A person cannot be merged with themself."));
        }
        let (kept, absorbed) = (self.person(keep)?, self.person(absorb)?);
        for p in [&kept, &absorbed] {
            if p.merged_into.is_some() {
                return Err(Error::invalid("people", format!("{} was already merged into someone else.", p.display_name)));
            }
        }
        let now = self.now().timestamp();
        let tx = self.conn.savepoint()?;
        // Touches with both people keep one link; the others move.
        tx.execute(
            "INSERT OR IGNORE INTO touch_person (touch_id, person_id, happened_at)
             SELECT touch_id, ?1, happened_at FROM touch_person WHERE person_id = ?2",
            params![keep, absorb],
        )?;
        tx.execute("DELETE FROM touch_person WHERE person_id = ?1", [absorb])?;
        tx.execute("UPDATE follow_up SET person_id = ?1 WHERE person_id = ?2", params![keep, absorb])?;
        tx.execute("UPDATE rung_change SET person_id = ?1 WHERE person_id = ?2", params![keep, absorb])?;
        // A handle both already have stays on the absorbed record, which is kept.
        tx.execute(
            "UPDATE handle SET person_id = ?1 WHERE person_id = ?2 AND NOT EXISTS (
                 SELECT 1 FROM handle k WHERE k.person_id = ?1 AND k.platform = handle.platform
                                        AND k.value = handle.value COLLATE NOCASE)",
            params![keep, absorb],
        )?;
        tx.execute(
            "INSERT OR IGNORE INTO person_tag (person_id, tag_id) SELECT ?1, tag_id FROM person_tag WHERE person_id = ?2",
            params![keep, absorb],
        )?;
        // Dates: one both have gets the year if only the absorbed record knew it; the
        // rest move. A date both have stays on the absorbed record, which is kept.
        tx.execute(
            "UPDATE important_date SET year = coalesce(year, (
                 SELECT a.year FROM important_date a WHERE a.person_id = ?2 AND a.kind = important_date.kind
                    AND a.month = important_date.month AND a.day = important_date.day
                    AND a.label = important_date.label COLLATE NOCASE))
             WHERE person_id = ?1",
            params![keep, absorb],
        )?;
        tx.execute("UPDATE OR IGNORE important_date SET person_id = ?1 WHERE person_id = ?2", params![keep, absorb])?;
        tx.execute("DELETE FROM nudge_dismissal WHERE person_id IN (?1, ?2)", params![keep, absorb])?;
        // The absorbed record is no one's candidate any more; what was said of it goes.
        tx.execute("DELETE FROM not_duplicate WHERE ?1 IN (person_a, person_b)", [absorb])?;
        tx.execute(
            "UPDATE person SET
                 company = CASE company WHEN '' THEN ?3 ELSE company END,
                 title = CASE title WHEN '' THEN ?4 ELSE title END,
                 how_met = CASE how_met WHEN '' THEN ?5 ELSE how_met END,
                 why_matters = CASE why_matters WHEN '' THEN ?6 ELSE why_matters END,
                 notes = CASE WHEN ?7 = '' THEN notes WHEN notes = '' THEN ?7 ELSE notes || char(10, 10) || ?7 END,
                 cadence_days = coalesce(cadence_days, ?8),
                 updated_at = ?2
             WHERE id = ?1",
            params![
                keep,
                now,
                absorbed.company,
                absorbed.title,
                absorbed.how_met,
                absorbed.why_matters,
                absorbed.notes,
                absorbed.cadence_days
            ],
        )?;
        tx.execute(
            "UPDATE person SET merged_into = ?1, archived_at = coalesce(archived_at, ?3), updated_at = ?3 WHERE id = ?2",
            params![keep, absorb, now],
        )?;
        crate::people::search::index_person(&tx, keep)?;
        crate::people::search::index_person(&tx, absorb)?;
        crate::touches::figures::refresh(&tx, [keep, absorb])?;
        // The merge puts the person on the higher of the two rungs, by hand: two histories
        // replayed as one may end elsewhere, and the history says why they moved.
        let higher = kept.rung.max(absorbed.rung);
        let replayed = rungs::work_out(&tx, keep)?.unwrap_or(higher);
        if absorbed.rung > kept.rung || replayed != higher {
            let reason = format!("Merged with {}", absorbed.display_name);
            let from = if replayed == higher { kept.rung } else { replayed };
            rungs::record(&tx, keep, Some(from), higher, now, None, &reason)?;
        }
        rungs::work_out(&tx, absorb)?;
        tx.commit()?;
        self.person(keep)
    }
}
