//! Who a contact already is: the same email, the same profile address, or (when no one
//! else shares it) the same name. The whole diary's keys are read once, so matching a
//! 30,000-row file costs a few hash lookups a row.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{Contact, ImportAction, ImportRow, ParsedFile};
use crate::people::dates::DateInput;
pub(crate) use crate::people::duplicates::handle_key;
use crate::people::handles::NewHandle;
use crate::people::yearly::date_text;
use crate::storage::error::Result;
use crate::vocab::text::limits;
use crate::vocab::{DateKind, Rung};

/// What the diary already holds about its people, keyed for matching.
pub(crate) struct Known {
    people: HashMap<i64, KnownPerson>,
    by_key: HashMap<String, i64>,
    by_name: HashMap<String, Vec<i64>>,
}

pub(crate) struct KnownPerson {
    pub(crate) name: String,
    company: String,
    title: String,
    notes: String,
    pub(crate) rung: Rung,
    created_at: i64,
    handles: HashSet<String>,
    tags: HashSet<String>,
    /// Their dates as (kind, label in lower case, month, day, year).
    dates: Vec<(DateKind, String, u32, u32, Option<i32>)>,
}

/// What applying does with one contact.
pub(super) enum Plan<'a> {
    New(&'a Contact),
    Update { contact: &'a Contact, person_id: i64, changes: Changes },
    Unchanged { contact: &'a Contact, person_id: i64, name: String },
    Rejected(ImportRow),
}

/// What a matched person lacks. `None` fields stay as they are.
pub(super) struct Changes {
    pub name: String,
    pub handles: Vec<NewHandle>,
    pub tags: Vec<String>,
    pub company: Option<String>,
    pub title: Option<String>,
    pub notes: Option<String>,
    /// Dates they lack, and a year for one they have without it.
    pub dates: Vec<DateInput>,
    /// Raised to connected, from this rung, on the day the file says (if it says).
    pub connected: Option<(Rung, Option<NaiveDate>)>,
    pub created_at: i64,
}

impl Changes {
    fn adds(&self) -> Vec<String> {
        let mut adds: Vec<String> = self.handles.iter().map(|h| format!("{} {}", h.platform.name(), h.value)).collect();
        adds.extend(self.tags.iter().map(|t| format!("tag {t}")));
        adds.extend(self.company.as_ref().map(|c| format!("company {c}")));
        adds.extend(self.title.as_ref().map(|t| format!("title {t}")));
        adds.extend(self.notes.as_ref().map(|_| "notes".to_owned()));
        adds.extend(self.dates.iter().map(|d| {
            let what = if d.kind == DateKind::Other { d.label.clone() } else { d.kind.label().to_lowercase() };
            format!("{what} {}", date_text(d.month, d.day, d.year))
        }));
        adds.extend(self.connected.map(|_| "rung Connected".to_owned()));
        adds
    }
}

/// Keys that say "this is the same person": emails and profile addresses, not phones
/// (an office number is shared).
pub(crate) fn identifies(key: &str) -> bool {
    key.starts_with("email:") || key.starts_with("web:")
}

/// A name as the duplicates rule folds it ("Lopez, Ana" is "Ana López"); a name with no
/// letters or digits to fold, as written (spaces collapsed, lower case).
pub(crate) fn name_key(name: &str) -> String {
    let folded = crate::people::duplicates::fold_name(name);
    if folded.is_empty() {
        return name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    }
    folded
}

impl Known {
    pub(crate) fn load(conn: &Connection) -> Result<Known> {
        let mut known = Known { people: HashMap::new(), by_key: HashMap::new(), by_name: HashMap::new() };
        let mut stmt =
            conn.prepare("SELECT id, display_name, company, title, notes, rung, created_at FROM person WHERE merged_into IS NULL")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (id, name): (i64, String) = (r.get(0)?, r.get(1)?);
            known.by_name.entry(name_key(&name)).or_default().push(id);
            let person = KnownPerson {
                name,
                company: r.get(2)?,
                title: r.get(3)?,
                notes: r.get(4)?,
                rung: r.get(5)?,
                created_at: r.get(6)?,
                handles: HashSet::new(),
                tags: HashSet::new(),
                dates: Vec::new(),
            };
            known.people.insert(id, person);
        }
        let mut stmt = conn.prepare("SELECT person_id, platform, value, url FROM handle")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let Some(person) = known.people.get_mut(&id) else { continue };
            let key = handle_key(r.get(1)?, &r.get::<_, String>(2)?, &r.get::<_, String>(3)?);
            if identifies(&key) {
                known.by_key.entry(key.clone()).or_insert(id);
            }
            person.handles.insert(key);
        }
        let mut stmt = conn.prepare("SELECT pt.person_id, t.name FROM person_tag pt JOIN tag t ON t.id = pt.tag_id")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            if let Some(person) = known.people.get_mut(&r.get(0)?) {
                person.tags.insert(r.get::<_, String>(1)?.to_lowercase());
            }
        }
        let mut stmt = conn.prepare("SELECT person_id, kind, label, month, day, year FROM important_date")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            if let Some(person) = known.people.get_mut(&r.get(0)?) {
                // Lower case as SQLite's NOCASE folds it: ASCII letters only.
                person.dates.push((r.get(1)?, r.get::<_, String>(2)?.to_ascii_lowercase(), r.get(3)?, r.get(4)?, r.get(5)?));
            }
        }
        Ok(known)
    }

    /// Decides every contact and rejection of a file, in file order.
    pub(super) fn plan<'a>(&self, parsed: &'a ParsedFile, today: NaiveDate) -> Result<Vec<Plan<'a>>> {
        let mut plans: Vec<(usize, Plan<'a>)> = parsed
            .rejections
            .iter()
            .map(|r| {
                let action = ImportAction::Rejected { reason: r.reason.clone() };
                let row = ImportRow {
                    line: r.line,
                    display_name: r.display_name.clone(),
                    company: String::new(),
                    title: String::new(),
                    what: action.what(false),
                    action,
                };
                (r.line, Plan::Rejected(row))
            })
            .collect();
        // Rows earlier in this file, by key, so a repeated row is not added twice.
        let mut in_file: HashMap<String, usize> = HashMap::new();
        for contact in &parsed.contacts {
            let keys: Vec<String> =
                contact.edit.handles.iter().map(|h| handle_key(h.platform, &h.value, &h.url)).filter(|k| identifies(k)).collect();
            let name = name_key(&contact.edit.display_name);
            let reject = |reason: String| Plan::Rejected(row_of(contact, ImportAction::Rejected { reason }));
            if let Some(first) = keys.iter().chain([&format!("name:{name}")]).find_map(|k| in_file.get(k)) {
                plans.push((contact.line, reject(format!("The same person as line {first}; imported once."))));
                continue;
            }
            for key in keys.iter().cloned().chain([format!("name:{name}")]) {
                in_file.insert(key, contact.line);
            }
            if let Some(day) = contact.connected.flatten().filter(|d| *d > today) {
                plans.push((contact.line, reject(format!("Connected on {day}, a day still to come."))));
                continue;
            }
            let by_key = keys.iter().find_map(|k| self.by_key.get(k)).copied();
            let matched = match (by_key, self.by_name.get(&name).map(Vec::as_slice)) {
                (Some(id), _) => Some(id),
                (None, Some([id])) => Some(*id),
                (None, Some(several)) if several.len() > 1 => {
                    let reason = format!(
                        "{} people in the diary are named {}; add an email or profile to this row to tell them apart.",
                        several.len(),
                        contact.edit.display_name
                    );
                    plans.push((contact.line, reject(reason)));
                    continue;
                }
                _ => None,
            };
            let plan = match matched {
                None => Plan::New(contact),
                Some(id) => {
                    let person = &self.people[&id];
                    let changes = person.lacks(contact);
                    match changes {
                        Err(reason) => reject(reason),
                        Ok(changes) if changes.adds().is_empty() => Plan::Unchanged { contact, person_id: id, name: changes.name },
                        Ok(changes) => Plan::Update { contact, person_id: id, changes },
                    }
                }
            };
            plans.push((contact.line, plan));
        }
        plans.sort_by_key(|(line, _)| *line);
        Ok(plans.into_iter().map(|(_, plan)| plan).collect())
    }
}

/// Who someone from an archive is in the diary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Found {
    One(i64),
    /// Several people share the name and nothing else tells them apart.
    Several(Vec<i64>),
    None,
}

impl Known {
    /// The person with one of these handles (an e-mail, a profile; a phone number that
    /// only one person has), else the one person of this name.
    pub(crate) fn find(&self, handles: &[NewHandle], name: &str) -> Found {
        let keys: Vec<String> = handles.iter().map(|h| handle_key(h.platform, &h.value, &h.url)).collect();
        if let Some(&id) = keys.iter().filter(|k| identifies(k)).find_map(|k| self.by_key.get(k)) {
            return Found::One(id);
        }
        for key in keys.iter().filter(|k| k.starts_with("phone:") && k.len() > 10) {
            let mut with = self.people.iter().filter(|(_, p)| p.handles.contains(key)).map(|(id, _)| *id);
            if let (Some(id), None) = (with.next(), with.next()) {
                return Found::One(id);
            }
        }
        match self.by_name.get(&name_key(name)).map(Vec::as_slice) {
            Some([id]) => Found::One(*id),
            Some(several) if several.len() > 1 => Found::Several(several.to_vec()),
            _ => Found::None,
        }
    }

    pub(crate) fn person(&self, id: i64) -> Option<&KnownPerson> {
        self.people.get(&id)
    }

    /// Whether the person has this handle already.
    pub(crate) fn has_handle(&self, id: i64, handle: &NewHandle) -> bool {
        self.people.get(&id).is_some_and(|p| p.handles.contains(&handle_key(handle.platform, &handle.value, &handle.url)))
    }
}

impl KnownPerson {
    fn lacks(&self, contact: &Contact) -> Result<Changes, String> {
        let edit = &contact.edit;
        let mut seen = self.handles.clone();
        let handles = edit.handles.iter().filter(|h| seen.insert(handle_key(h.platform, &h.value, &h.url))).cloned().collect();
        let tags = edit.tags.iter().filter(|t| !self.tags.contains(&t.to_lowercase())).cloned().collect();
        let fill = |mine: &str, theirs: &str| (mine.is_empty() && !theirs.is_empty()).then(|| theirs.to_owned());
        let notes = if edit.notes.is_empty() || self.notes.contains(&edit.notes) {
            None
        } else if self.notes.is_empty() {
            Some(edit.notes.clone())
        } else {
            Some(format!("{}\n\n{}", self.notes, edit.notes))
        };
        if notes.as_ref().is_some_and(|n| n.chars().nth(limits::NOTES).is_some()) {
            return Err(format!("{}'s notes would pass the limit of {} characters.", self.name, limits::NOTES));
        }
        let connected = contact.connected.filter(|_| self.rung < Rung::Connected).map(|day| (self.rung, day));
        // A date of a kind and label they have on another day is theirs to keep, and so is
        // any birthday (one person, one birthday): the file's is not added beside it. The
        // same date gets the file's year if it has none.
        let dates = contact
            .dates
            .iter()
            .filter(|d| {
                let label = d.label.to_ascii_lowercase();
                let mut theirs = self.dates.iter().filter(|t| t.0 == d.kind && (t.1 == label || d.kind == DateKind::Birthday)).peekable();
                theirs.peek().is_none()
                    || theirs.any(|t| t.1 == label && (t.2, t.3) == (d.month, d.day) && t.4.is_none() && d.year.is_some())
            })
            .cloned()
            .collect();
        Ok(Changes {
            name: self.name.clone(),
            handles,
            tags,
            company: fill(&self.company, &edit.company),
            title: fill(&self.title, &edit.title),
            notes,
            dates,
            connected,
            created_at: self.created_at,
        })
    }
}

fn row_of(contact: &Contact, action: ImportAction) -> ImportRow {
    ImportRow {
        line: contact.line,
        display_name: contact.edit.display_name.clone(),
        company: contact.edit.company.clone(),
        title: contact.edit.title.clone(),
        what: action.what(contact.connected.is_some()),
        action,
    }
}

impl Plan<'_> {
    pub(super) fn row(&self) -> ImportRow {
        match self {
            Plan::New(contact) => row_of(contact, ImportAction::New),
            Plan::Update { contact, person_id, changes } => {
                row_of(contact, ImportAction::Update { person_id: *person_id, person_name: changes.name.clone(), adds: changes.adds() })
            }
            Plan::Unchanged { contact, person_id, name } => {
                row_of(contact, ImportAction::Unchanged { person_id: *person_id, person_name: name.clone() })
            }
            Plan::Rejected(row) => row.clone(),
        }
    }
}
