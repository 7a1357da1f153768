//! Who the funnel counts: every person with where and when they started, and when they
//! first reached each rung, from the rung history as it is. Everyone is read once and
//! kept; each view then reads again only the people a write has touched since, as the
//! schema's triggers note them in `funnel_change` (migration 0009).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rusqlite::params_from_iter;

use crate::storage::diary::Diary;
use crate::storage::error::Result;
use crate::storage::sql::Sql;
use crate::vocab::{Channel, Rung};

/// How a person first reached a rung.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reach {
    /// Added to the diary on it (or above it).
    Added,
    /// A touch proved it.
    Touch,
    /// An import put them there (a connection in a platform's export or LinkedIn's file).
    Import,
    /// The user set it by hand.
    Hand,
}

/// One person as the funnel reads them.
#[derive(Debug, Clone)]
pub(crate) struct Record {
    pub id: i64,
    pub name: String,
    /// Where they stand now (lower than `highest` when moved down since).
    pub rung: Rung,
    /// Instant they started: the earlier of being added and their first touch.
    pub start: i64,
    /// Shared by everyone read together who started there: one text, not 30,000.
    pub origin: Arc<str>,
    /// Per rung (`Rung as usize`): when they first stood on it or above, and how.
    pub reached: [Option<(i64, Reach)>; 6],
    /// Per rung: they landed on the rung itself on the way up, rather than jumping past
    /// it; only then does the step from it have a length.
    pub stood_on: [bool; 6],
    /// The rung they were added on.
    pub first_rung: Rung,
    /// The highest rung they ever reached, worked out once from `reached`.
    highest: Rung,
    /// When they came to stand on their rung of now.
    pub on_rung_since: i64,
    pub last_touch_at: Option<i64>,
    pub first_call: bool,
    pub first_met: bool,
    pub archived: bool,
}

impl Record {
    /// The highest rung they ever reached.
    pub fn highest(&self) -> Rung {
        self.highest
    }

    pub fn reached(&self, rung: Rung) -> bool {
        self.reached[rung as usize].is_some()
    }

    /// Whole days the step from `from` to the next rung took, for people who stood on
    /// `from` and reached the next.
    pub fn step_days(&self, from: Rung) -> Option<i64> {
        let i = from as usize;
        let (Some((start, _)), Some((end, _))) = (self.reached[i], *self.reached.get(i + 1)?) else { return None };
        self.stood_on[i].then(|| (end - start).max(0).div_euclid(86_400))
    }
}

/// `records` grouped by origin, in the order of the origins' keys, each group in the order
/// the records came (by id).
pub(crate) fn by_origin<'a>(records: &[&'a Record]) -> BTreeMap<&'a str, Vec<&'a Record>> {
    let mut by_key: BTreeMap<&'a str, Vec<&'a Record>> = BTreeMap::new();
    for &r in records {
        by_key.entry(&*r.origin).or_default().push(r);
    }
    by_key
}

/// The origin of someone added by an import: the platform its source names.
fn import_origin(source: &str) -> &str {
    match source {
        "mail" => "email",
        other => other,
    }
}

/// Where a relationship started, the rule the funnel groups by (README: "The funnel"):
///
/// 1. Added by an import (a platform's archive, or LinkedIn's connections file) no later
///    than their first touch: the platform that import came from ("linkedin", "x",
///    "whatsapp", "calendar", "email"); a contacts file of no platform is "import".
/// 2. Otherwise their first touch: its platform ("linkedin"), or, for a touch on no
///    platform, its channel ("event", "phone", "letter"): met at an event is where it started.
/// 3. Never touched and typed in by hand: "typed".
pub(crate) fn origin(added_at: i64, added_by: Option<&str>, first_touch: Option<(i64, Option<&str>, Channel)>) -> String {
    match (added_by, first_touch) {
        (Some(source), touch) if touch.is_none_or(|(at, _, _)| added_at <= at) => import_origin(source).to_owned(),
        (_, Some((_, Some(platform), _))) => platform.to_owned(),
        (_, Some((_, None, channel))) => channel.as_str().to_owned(),
        (_, None) => "typed".to_owned(),
    }
}

/// What the import that added a person came from: an archive run's source, or
/// "linkedin" / "import" for a contacts file (its note says which).
fn added_by(run_source: Option<String>, added_note: &str) -> Option<String> {
    run_source.or_else(|| match added_note {
        "Imported from LinkedIn" => Some("linkedin".to_owned()),
        note if note.starts_with("Imported from ") => Some("import".to_owned()),
        _ => None,
    })
}

/// Every person's record as the funnel last read them (archived people too, merged ones
/// never), and the latest change of the file already read.
#[derive(Default)]
pub(crate) struct FunnelKept {
    records: BTreeMap<i64, Record>,
    /// The highest `funnel_change.seq` read; none until everyone has been read.
    seen: Option<i64>,
}

impl FunnelKept {
    /// Forgets everything, so the next view reads everyone again: for when the file's
    /// changes may no longer follow what was read (a transaction undone).
    pub(crate) fn forget(&mut self) {
        *self = FunnelKept::default();
    }
}

/// Past this many people changed at once (an import), everyone is read again in one
/// pass rather than each by their index.
fn read_everyone(changed: usize, kept: usize) -> bool {
    changed > 256 && changed > kept / 8
}

/// Whom [`Diary::records_where`] reads.
#[derive(Clone, Copy)]
enum Whom<'a> {
    /// Everyone not merged into another, archived people too.
    Everyone,
    /// These people (those merged into another or gone are not returned).
    Ids(&'a [i64]),
    /// The people in use whose first call came at or after this instant.
    CalledSince(i64),
}

impl Diary {
    /// Every person in use (and archived ones when asked), with `tag` if given, as the
    /// funnel reads them, in order of id, handed to `view`; people merged into another are
    /// never counted. Only the people changed since the last view are read again.
    pub(crate) fn with_funnel_records<T>(
        &self,
        tag: Option<&str>,
        include_archived: bool,
        view: impl FnOnce(&[&Record]) -> Result<T>,
    ) -> Result<T> {
        self.bring_funnel_up_to_date()?;
        let tagged = tag.map(|tag| self.tagged(tag)).transpose()?;
        let kept = self.funnel_kept.borrow();
        let admitted = |r: &&Record| include_archived || !r.archived;
        let records: Vec<&Record> = match &tagged {
            Some(ids) => ids.iter().filter_map(|id| kept.records.get(id)).filter(admitted).collect(),
            None => kept.records.values().filter(admitted).collect(),
        };
        view(&records)
    }

    /// The people with `tag`, by id.
    fn tagged(&self, tag: &str) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT pt.person_id FROM person_tag pt JOIN tag g ON g.id = pt.tag_id WHERE g.name = ?1 ORDER BY pt.person_id",
        )?;
        let rows = stmt.query_map([tag.trim()], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Reads again the people changed since the last view (everyone, the first time).
    fn bring_funnel_up_to_date(&self) -> Result<()> {
        // Read first: a write committed after it is numbered past it, so it is read next time.
        let latest: i64 = self.conn.prepare_cached("SELECT coalesce(max(seq), 0) FROM funnel_change")?.query_row([], |r| r.get(0))?;
        let mut kept = self.funnel_kept.borrow_mut();
        match kept.seen {
            Some(seen) if seen == latest => return Ok(()),
            Some(seen) if seen < latest => {
                let mut stmt = self.conn.prepare_cached("SELECT person_id FROM funnel_change WHERE seq > ?1")?;
                let changed: Vec<i64> = stmt.query_map([seen], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
                if !read_everyone(changed.len(), kept.records.len()) {
                    let records = self.records_where(Whom::Ids(&changed))?;
                    for id in &changed {
                        kept.records.remove(id);
                    }
                    kept.records.extend(records.into_iter().map(|r| (r.id, r)));
                    kept.seen = Some(latest);
                    return Ok(());
                }
            }
            // Numbered below what was read: another file in this one's place.
            _ => {}
        }
        kept.records = self.records_where(Whom::Everyone)?.into_iter().map(|r| (r.id, r)).collect();
        kept.seen = Some(latest);
        Ok(())
    }

    /// The people in use whose first call came at or after `since`: the only ones who can
    /// be a first call of a cohort that started then, read without the whole diary.
    pub(crate) fn called_since(&self, since: i64) -> Result<Vec<Record>> {
        self.records_where(Whom::CalledSince(since))
    }

    fn records_where(&self, whom: Whom<'_>) -> Result<Vec<Record>> {
        let mut sql = Sql::default();
        let mut conditions = vec!["p.merged_into IS NULL".to_owned()];
        match whom {
            Whom::Everyone => {}
            Whom::Ids(ids) => {
                let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
                conditions.push(format!("p.id IN ({})", ids.join(", ")));
            }
            Whom::CalledSince(since) => {
                // person_first_call's own condition, word for word, so SQLite reads that index.
                conditions.push(format!("p.first_call_at IS NOT NULL AND p.first_call_at >= {}", sql.bind(since)));
                conditions.push("p.archived_at IS NULL".to_owned());
            }
        }
        let conditions = conditions.join(" AND ");
        // Each person's first touch as their row keeps it (migration 0008); a row that
        // somehow lacks it while touched asks their touches.
        let query = format!(
            "SELECT p.id, p.display_name, p.rung, p.last_touch_at, p.first_call_at IS NOT NULL, p.first_met_at IS NOT NULL,
                    (SELECT r.source FROM import_run r WHERE r.id = p.import_run_id),
                    ft.happened_at, ft.platform, ft.channel, p.archived_at IS NOT NULL
             FROM person p
             LEFT JOIN touch ft ON ft.id = coalesce(p.first_touch_id, CASE WHEN p.last_touch_at IS NOT NULL THEN
                 (SELECT tp.touch_id FROM touch_person tp JOIN touch t ON t.id = tp.touch_id AND t.deleted_at IS NULL
                  WHERE tp.person_id = p.id ORDER BY tp.happened_at, tp.touch_id LIMIT 1) END)
             WHERE {conditions}
             ORDER BY p.id"
        );
        struct Row {
            id: i64,
            name: String,
            rung: Rung,
            last_touch_at: Option<i64>,
            first_call: bool,
            first_met: bool,
            run_source: Option<String>,
            first_touch: Option<(i64, Option<String>, Channel)>,
            archived: bool,
        }
        let mut stmt = self.conn.prepare_cached(&query)?;
        let rows = stmt
            .query_map(params_from_iter(&sql.values), |r| {
                let at: Option<i64> = r.get(7)?;
                let channel: Option<Channel> = r.get(9)?;
                Ok(Row {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    rung: r.get(2)?,
                    last_touch_at: r.get(3)?,
                    first_call: r.get(4)?,
                    first_met: r.get(5)?,
                    run_source: r.get(6)?,
                    first_touch: at.zip(channel).map(|(at, channel)| Ok::<_, rusqlite::Error>((at, r.get(8)?, channel))).transpose()?,
                    archived: r.get(10)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        // A few people's history through its index; everyone's in one pass.
        let changes = match whom {
            Whom::Everyone => self.rung_changes_by_person("")?,
            Whom::Ids(_) | Whom::CalledSince(_) => {
                let ids: Vec<String> = rows.iter().map(|r| r.id.to_string()).collect();
                self.rung_changes_by_person(&format!("WHERE person_id IN ({})", ids.join(", ")))?
            }
        };
        let mut records = Vec::with_capacity(rows.len());
        let mut origins: HashMap<String, Arc<str>> = HashMap::new();
        for row in rows {
            let history = changes.get(&row.id).map_or(&[][..], Vec::as_slice);
            let added = history.iter().find(|c| c.from.is_none());
            let added_at = added.map_or(i64::MAX, |c| c.at);
            let first_rung = added.map_or(Rung::Noticed, |c| c.to);
            let by = added_by(row.run_source, added.map_or("", |c| c.note.as_str()));
            let first_touch = row.first_touch.as_ref().map(|(at, platform, channel)| (*at, platform.as_deref(), *channel));
            let start = added_at.min(first_touch.map_or(i64::MAX, |t| t.0));
            let start = if start == i64::MAX { 0 } else { start };
            let mut reached = [None; 6];
            let mut stood_on = [false; 6];
            // Being added comes first, whatever its date: the rungs up to it are reached at the start.
            let ordered = added.into_iter().chain(history.iter().filter(|c| c.from.is_some()));
            let mut on_rung_since = start;
            for change in ordered {
                let how = match (change.from, change.touch, change.imported) {
                    (None, _, _) => Reach::Added,
                    (_, true, _) => Reach::Touch,
                    (_, false, true) => Reach::Import,
                    (_, false, false) => Reach::Hand,
                };
                let at = if how == Reach::Added { start } else { change.at.max(start) };
                for r in 0..=change.to as usize {
                    if reached[r].is_none() {
                        reached[r] = Some((at, how));
                        stood_on[r] = r == change.to as usize;
                    }
                }
                on_rung_since = at;
            }
            if reached[row.rung as usize].is_none() {
                // No history reaches where they stand (a diary older than its history): count them from the start.
                for slot in reached.iter_mut().take(row.rung as usize + 1).filter(|s| s.is_none()) {
                    *slot = Some((start, Reach::Added));
                }
                on_rung_since = start;
            }
            let highest = Rung::ALL.iter().rev().copied().find(|r| reached[*r as usize].is_some()).unwrap_or(row.rung);
            records.push(Record {
                highest,
                id: row.id,
                origin: {
                    let key = origin(added_at, by.as_deref(), first_touch);
                    origins.entry(key).or_insert_with_key(|k| Arc::from(k.as_str())).clone()
                },
                name: row.name,
                rung: row.rung,
                start,
                reached,
                stood_on,
                first_rung,
                on_rung_since,
                last_touch_at: row.last_touch_at,
                first_call: row.first_call,
                first_met: row.first_met,
                archived: row.archived,
            });
        }
        Ok(records)
    }

    /// Every rung change (of the people `condition` names), by person, oldest first.
    fn rung_changes_by_person(&self, condition: &str) -> Result<HashMap<i64, Vec<Change>>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT person_id, from_rung, to_rung, changed_at, id, touch_id IS NOT NULL,
                    import_run_id IS NOT NULL OR (from_rung IS NOT NULL AND note LIKE 'Imported from %'),
                    CASE WHEN from_rung IS NULL THEN note ELSE '' END
             FROM rung_change {condition}"
        ))?;
        let mut by_person: HashMap<i64, Vec<Change>> = HashMap::new();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            by_person.entry(r.get(0)?).or_default().push(Change {
                from: r.get(1)?,
                to: r.get(2)?,
                at: r.get(3)?,
                id: r.get(4)?,
                touch: r.get(5)?,
                imported: r.get(6)?,
                note: r.get(7)?,
            });
        }
        // Read in the table's own order, one sequential pass, and put in order here: in
        // the index's order every row is a seek of its own.
        for changes in by_person.values_mut() {
            changes.sort_unstable_by_key(|c| (c.at, c.id));
        }
        Ok(by_person)
    }
}

struct Change {
    from: Option<Rung>,
    to: Rung,
    at: i64,
    id: i64,
    touch: bool,
    imported: bool,
    /// Only being added keeps its note: it says which import added them.
    note: String,
}

/// An origin's name on screen: the platform's own label (as the Time screen names it),
/// the channel's, or what brought them in.
pub(crate) fn origin_label(key: &str, platforms: &[crate::time::Platform]) -> String {
    if let Some(p) = platforms.iter().find(|p| p.key == key) {
        return p.label.clone();
    }
    if let Some(p) = crate::vocab::HandlePlatform::parse(key) {
        return p.name().to_owned();
    }
    if let Some(c) = Channel::parse(key) {
        return c.label().to_owned();
    }
    match key {
        "typed" => "Typed by hand",
        "import" => "Contacts file",
        "whatsapp" => "WhatsApp",
        "calendar" => "Calendar",
        other => other,
    }
    .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_import_before_the_first_touch_is_the_origin_else_the_first_touch_is() {
        let dm_on_x = Some((200, Some("x"), Channel::DirectMessage));
        assert_eq!(origin(100, Some("linkedin"), dm_on_x), "linkedin", "connected on LinkedIn before the first message");
        assert_eq!(origin(300, Some("linkedin"), dm_on_x), "x", "the message came first");
        assert_eq!(origin(100, Some("mail"), None), "email");
        assert_eq!(origin(100, None, Some((50, None, Channel::Event))), "event");
        assert_eq!(origin(100, None, None), "typed");
        assert_eq!(added_by(None, "Imported from LinkedIn").as_deref(), Some("linkedin"));
        assert_eq!(added_by(None, "Imported from contacts.vcf").as_deref(), Some("import"));
        assert_eq!(added_by(Some("whatsapp".into()), "Added from WhatsApp").as_deref(), Some("whatsapp"));
        assert_eq!(added_by(None, ""), None);
    }
}
