//! Past imports, and undoing one whole: its touches go, the rungs it moved go back,
//! and the people it added go when nothing else has touched them since. Nothing the
//! user typed is removed: a touch they edited since stays, as theirs.

use rusqlite::{params, Row};
use serde::Serialize;

use super::model::ArchiveSource;
use crate::clock::instants::instant;
use crate::storage::diary::Diary;
use crate::storage::error::{Error, Result};
use crate::touches::figures;

/// One apply of one source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportRun {
    pub id: i64,
    pub source: ArchiveSource,
    pub source_label: &'static str,
    pub file_name: String,
    pub applied_at: chrono::DateTime<chrono::Utc>,
    pub undone_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Touches it wrote, and people it added.
    pub touches: i64,
    pub people: i64,
    pub words_kept: bool,
}

const RUN_COLUMNS: &str = "id, source, file_name, applied_at, undone_at, touches, people, words_kept";

fn run_from_row(r: &Row<'_>) -> rusqlite::Result<ImportRun> {
    let source: String = r.get(1)?;
    let source = ArchiveSource::parse(&source).ok_or_else(|| rusqlite::Error::InvalidColumnType(1, source, rusqlite::types::Type::Text))?;
    Ok(ImportRun {
        id: r.get(0)?,
        source,
        source_label: source.label(),
        file_name: r.get(2)?,
        applied_at: instant(r.get(3)?)?,
        undone_at: r.get::<_, Option<i64>>(4)?.map(instant).transpose()?,
        touches: r.get(5)?,
        people: r.get(6)?,
        words_kept: r.get(7)?,
    })
}

/// What undoing a run did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportUndone {
    pub run: ImportRun,
    pub touches_removed: usize,
    pub people_removed: usize,
    /// People it added who were kept because the user has touched them since.
    pub people_kept: usize,
}

impl Diary {
    /// Every import run, newest first.
    pub fn import_runs(&self) -> Result<Vec<ImportRun>> {
        let mut stmt = self.conn.prepare(&format!("SELECT {RUN_COLUMNS} FROM import_run ORDER BY id DESC"))?;
        let rows = stmt.query_map([], run_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn import_run(&self, id: i64) -> Result<ImportRun> {
        let sql = format!("SELECT {RUN_COLUMNS} FROM import_run WHERE id = ?1");
        self.conn.query_row(&sql, [id], run_from_row).map_err(|_| Error::not_found(format!("Import {id}")))
    }

    /// Takes an import back whole, in one transaction.
    pub fn undo_import(&mut self, id: i64) -> Result<ImportUndone> {
        let run = self.import_run(id)?;
        if run.undone_at.is_some() {
            return Err(Error::invalid("import", format!("The {} import of {} was already undone.", run.source_label, run.file_name)));
        }
        let now = self.now().timestamp();
        let applied = run.applied_at.timestamp();
        let tx = self.conn.savepoint()?;
        let people_of = |sql: &str| -> Result<Vec<i64>> {
            let mut stmt = tx.prepare(sql)?;
            let rows = stmt.query_map([id], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let mut affected = people_of(
            "SELECT DISTINCT tp.person_id FROM touch_source s JOIN touch_person tp ON tp.touch_id = s.touch_id WHERE s.run_id = ?1
             UNION SELECT person_id FROM rung_change WHERE import_run_id = ?1",
        )?;
        // A touch edited since the import is the user's now: it stays, no longer the run's.
        tx.execute(
            "DELETE FROM touch_source WHERE run_id = ?1 AND touch_id IN (SELECT id FROM touch WHERE updated_at > ?2)",
            params![id, applied],
        )?;
        let touches_removed = tx.execute("DELETE FROM touch WHERE id IN (SELECT touch_id FROM touch_source WHERE run_id = ?1)", [id])?;
        tx.execute("DELETE FROM rung_change WHERE import_run_id = ?1", [id])?;
        // Each person is back on the rung of the last change left in their history.
        tx.execute(
            "UPDATE person SET rung = (SELECT to_rung FROM rung_change c WHERE c.person_id = person.id ORDER BY c.id DESC LIMIT 1)
             WHERE id IN (SELECT value FROM json_each(?1))
               AND EXISTS (SELECT 1 FROM rung_change c WHERE c.person_id = person.id)",
            [serde_json::to_string(&affected).unwrap_or_default()],
        )?;
        // The people it added go, unless the user has given them a touch, a follow-up,
        // an edit or a merge since.
        let added = people_of("SELECT id FROM person WHERE import_run_id = ?1")?;
        let mut people_removed = 0;
        for person in &added {
            let kept: bool = tx.query_row(
                "SELECT p.updated_at > ?2 OR p.merged_into IS NOT NULL
                     OR EXISTS (SELECT 1 FROM touch_person tp WHERE tp.person_id = p.id)
                     OR EXISTS (SELECT 1 FROM follow_up f WHERE f.person_id = p.id)
                     OR EXISTS (SELECT 1 FROM person m WHERE m.merged_into = p.id)
                     OR EXISTS (SELECT 1 FROM rung_change c WHERE c.person_id = p.id AND c.from_rung IS NOT NULL)
                 FROM person p WHERE p.id = ?1",
                params![person, applied],
                |r| r.get(0),
            )?;
            if kept {
                tx.execute("UPDATE person SET import_run_id = NULL WHERE id = ?1", [person])?;
            } else {
                tx.execute("DELETE FROM person WHERE id = ?1", [person])?;
                people_removed += 1;
            }
        }
        affected.retain(|p| !added.contains(p) || tx.query_row("SELECT 1 FROM person WHERE id = ?1", [p], |_| Ok(())).is_ok());
        figures::refresh(&tx, affected)?;
        tx.execute("UPDATE import_run SET undone_at = ?2 WHERE id = ?1", params![id, now])?;
        tx.commit()?;
        Ok(ImportUndone { run: self.import_run(id)?, touches_removed, people_removed, people_kept: added.len() - people_removed })
    }
}
