//! The user's own reflection on a week: answers to the review's prompts, a journal, and
//! "next week I will…" lines that can become follow-ups. Kept per week.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::agenda::follow_ups::{FollowUp, FollowUpInput};
use crate::clock::instants::local_date;
use crate::storage::diary::Diary;
use crate::storage::error::{Error, Result};
use crate::vocab::text::{self, limits};
use crate::vocab::{FollowUpKind, FollowUpStatus, Rung};

/// The user's own words about a week.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reflection {
    pub journal: String,
    /// The prompts from the settings, then any answered prompt no longer in them.
    pub answers: Vec<Answer>,
    pub intentions: Vec<Intention>,
    pub updated_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub prompt: String,
    pub answer: String,
    pub ticked: bool,
}

/// A "next week I will…" line, and the follow-up it became, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Intention {
    pub id: i64,
    pub text: String,
    pub follow_up_id: Option<i64>,
    pub follow_up_status: Option<FollowUpStatus>,
}

/// Someone a line may mean, as the chooser shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedPerson {
    pub id: i64,
    pub display_name: String,
    pub company: String,
    pub rung: Rung,
}

/// Who the follow-up made from an intention is with, when the user has said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonPick {
    Person(i64),
    NoOne,
}

/// What asking for an intention's follow-up gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum IntentionFollowUp {
    /// The follow-up, made now or before.
    Made { follow_up: FollowUp },
    /// The line may mean any of these people: nothing was made; ask, then ask again
    /// with a [`PersonPick`].
    Choose { candidates: Vec<NamedPerson> },
}

impl IntentionFollowUp {
    /// The follow-up, when one was made.
    pub fn made(self) -> Option<FollowUp> {
        match self {
            IntentionFollowUp::Made { follow_up } => Some(follow_up),
            IntentionFollowUp::Choose { .. } => None,
        }
    }
}

/// Whom a line names: no one, one person for sure, or several who might be meant.
enum Named {
    NoOne,
    One(i64),
    Maybe(Vec<NamedPerson>),
}

impl Diary {
    /// Saves the week's journal (free text; empty clears it).
    pub fn save_week_journal(&mut self, day: NaiveDate, journal: &str) -> Result<Reflection> {
        let journal = text::notes("journal", "The journal", journal)?;
        let key = self.journal_key(day)?;
        self.ensure_journal(&key)?;
        self.conn.execute("UPDATE week_journal SET journal = ?2 WHERE week_start = ?1", params![key, journal])?;
        self.reflection_by_key(&key)
    }

    /// Saves the answer to one prompt: a sentence, a tick, or both.
    pub fn save_week_answer(&mut self, day: NaiveDate, prompt: &str, answer: &str, ticked: bool) -> Result<Reflection> {
        let prompt = text::required_line("prompt", "The question", prompt, limits::LINE)?;
        let answer = text::notes("answer", "The answer", answer)?;
        let key = self.journal_key(day)?;
        self.ensure_journal(&key)?;
        if answer.is_empty() && !ticked {
            self.conn.execute("DELETE FROM week_answer WHERE week_start = ?1 AND prompt = ?2", params![key, prompt])?;
        } else {
            self.conn.execute(
                "INSERT INTO week_answer (week_start, prompt, answer, ticked) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (week_start, prompt) DO UPDATE SET answer = excluded.answer, ticked = excluded.ticked",
                params![key, prompt, answer, ticked],
            )?;
        }
        self.reflection_by_key(&key)
    }

    /// Adds a "next week I will…" line to the week holding `day`.
    pub fn add_week_intention(&mut self, day: NaiveDate, intention: &str) -> Result<Reflection> {
        let intention = text::required_line("intention", "What you will do", intention, limits::LINE)?;
        let key = self.journal_key(day)?;
        self.ensure_journal(&key)?;
        self.conn.execute("INSERT INTO week_intention (week_start, text) VALUES (?1, ?2)", params![key, intention])?;
        self.reflection_by_key(&key)
    }

    pub fn update_week_intention(&mut self, id: i64, intention: &str) -> Result<Reflection> {
        let intention = text::required_line("intention", "What you will do", intention, limits::LINE)?;
        let key = self.intention_week(id)?;
        self.conn.execute("UPDATE week_intention SET text = ?2 WHERE id = ?1", params![id, intention])?;
        self.touch_journal(&key)?;
        self.reflection_by_key(&key)
    }

    pub fn delete_week_intention(&mut self, id: i64) -> Result<Reflection> {
        let key = self.intention_week(id)?;
        self.conn.execute("DELETE FROM week_intention WHERE id = ?1", [id])?;
        self.touch_journal(&key)?;
        self.reflection_by_key(&key)
    }

    /// Turns an intention into a follow-up (its kind read from its first word: "Call Ana"
    /// is a call), linked so the review shows whether it was kept. It is due on `due_date`,
    /// or by default on the first day of the week after, or today if that has passed.
    /// It is with the person the line names; when it may mean several people (two Ana
    /// Limas, or "Ana" with Ana Lima and Ana Sousa), nothing is made until `pick` says who.
    pub fn follow_up_from_intention(
        &mut self,
        id: i64,
        due_date: Option<NaiveDate>,
        pick: Option<PersonPick>,
    ) -> Result<IntentionFollowUp> {
        let (text, linked, week): (String, Option<i64>, String) = self
            .conn
            .query_row("SELECT text, follow_up_id, week_start FROM week_intention WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?
            .ok_or_else(|| Error::not_found(format!("Intention {id}")))?;
        if let Some(existing) = linked {
            return Ok(IntentionFollowUp::Made { follow_up: self.follow_up(existing)? });
        }
        let person_id = match (pick, self.people_named_in(&text)?) {
            (Some(PersonPick::Person(person)), _) => Some(person),
            (Some(PersonPick::NoOne), _) | (None, Named::NoOne) => None,
            (None, Named::One(person)) => Some(person),
            (None, Named::Maybe(candidates)) => return Ok(IntentionFollowUp::Choose { candidates }),
        };
        let due_date = match due_date {
            Some(day) => day,
            None => {
                let week: NaiveDate = week.parse().map_err(|_| Error::Damaged(format!("a week kept as {week:?}")))?;
                let next_week = self.week_bounds(week)?.0 + Duration::days(7);
                next_week.max(local_date(self.tz(), self.now()))
            }
        };
        let input = FollowUpInput {
            person_id,
            touch_id: None,
            kind: intention_kind(&text),
            title: text,
            notes: String::new(),
            due_date: due_date.into(),
            due_time: None,
        };
        self.in_one_transaction(|diary| {
            let made = diary.add_follow_up(&input)?;
            diary.conn.execute("UPDATE week_intention SET follow_up_id = ?2 WHERE id = ?1", params![id, made.id])?;
            Ok(IntentionFollowUp::Made { follow_up: made })
        })
    }

    /// Whom a line names ("call Ana Lima about…"): the longest full name in the diary that
    /// the line holds as whole words, in any case. Two people of that name, or no full name
    /// but a first name written with its capital ("call Ana"), leave it to the user.
    fn people_named_in(&self, line: &str) -> Result<Named> {
        let words = |s: &str| s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect::<Vec<_>>();
        let lower = |w: &[String]| w.iter().map(|w| w.to_lowercase()).collect::<Vec<_>>();
        let written = words(line);
        let said = lower(&written);
        // Only a word starting with a capital may be a first name: "I will call" is no Will.
        let capitalised: Vec<String> =
            written.iter().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).map(|w| w.to_lowercase()).collect();
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, display_name, company, rung FROM person WHERE archived_at IS NULL AND merged_into IS NULL ORDER BY display_name COLLATE NOCASE, id",
        )?;
        let rows =
            stmt.query_map([], |r| Ok(NamedPerson { id: r.get(0)?, display_name: r.get(1)?, company: r.get(2)?, rung: r.get(3)? }))?;
        let (mut full, mut first): (Vec<(usize, NamedPerson)>, Vec<NamedPerson>) = (Vec::new(), Vec::new());
        for row in rows {
            let person = row?;
            let name = lower(&words(&person.display_name));
            if name.is_empty() {
                continue;
            }
            if said.windows(name.len()).any(|w| w == name.as_slice()) {
                full.push((name.len(), person));
            } else if capitalised.contains(&name[0]) {
                first.push(person);
            }
        }
        let longest = full.iter().map(|(n, _)| *n).max();
        let mut full: Vec<NamedPerson> = full.into_iter().filter(|(n, _)| Some(*n) == longest).map(|(_, p)| p).collect();
        Ok(match (full.len(), first.is_empty()) {
            (1, _) => Named::One(full.remove(0).id),
            (0, true) => Named::NoOne,
            (0, false) => Named::Maybe(first),
            _ => Named::Maybe(full),
        })
    }

    /// The week's reflection, for the week holding `day`.
    pub fn week_reflection(&self, day: NaiveDate) -> Result<Reflection> {
        self.reflection_by_key(&self.journal_key(day)?)
    }

    /// The key a week's journal is kept under: its first day, or the day an existing
    /// journal of that week was started under an earlier start-day setting, so changing
    /// the setting never hides what was written.
    fn journal_key(&self, day: NaiveDate) -> Result<String> {
        let (start, _, _) = self.week_bounds(day)?;
        let existing: Option<String> = self
            .conn
            .query_row(
                "SELECT week_start FROM week_journal WHERE week_start >= ?1 AND week_start < ?2 ORDER BY week_start LIMIT 1",
                params![start.to_string(), (start + Duration::days(7)).to_string()],
                |r| r.get(0),
            )
            .optional()?;
        Ok(existing.unwrap_or_else(|| start.to_string()))
    }

    fn ensure_journal(&self, key: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO week_journal (week_start, journal, updated_at) VALUES (?1, '', ?2)
             ON CONFLICT (week_start) DO UPDATE SET updated_at = excluded.updated_at",
            params![key, self.now().timestamp()],
        )?;
        Ok(())
    }

    fn touch_journal(&self, key: &str) -> Result<()> {
        self.conn.execute("UPDATE week_journal SET updated_at = ?2 WHERE week_start = ?1", params![key, self.now().timestamp()])?;
        Ok(())
    }

    fn intention_week(&self, id: i64) -> Result<String> {
        self.conn
            .query_row("SELECT week_start FROM week_intention WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::not_found(format!("Intention {id}")))
    }

    fn reflection_by_key(&self, key: &str) -> Result<Reflection> {
        let row: Option<(String, i64)> = self
            .conn
            .query_row("SELECT journal, updated_at FROM week_journal WHERE week_start = ?1", [key], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let mut saved: Vec<Answer> = {
            let mut stmt =
                self.conn.prepare_cached("SELECT prompt, answer, ticked FROM week_answer WHERE week_start = ?1 ORDER BY prompt")?;
            let rows = stmt.query_map([key], |r| Ok(Answer { prompt: r.get(0)?, answer: r.get(1)?, ticked: r.get(2)? }))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut answers: Vec<Answer> = self
            .settings()?
            .review_prompts
            .into_iter()
            .map(|prompt| match saved.iter().position(|a| a.prompt == prompt) {
                Some(i) => saved.remove(i),
                None => Answer { prompt, answer: String::new(), ticked: false },
            })
            .collect();
        // Answers to prompts since taken out of the settings are still the user's words.
        answers.extend(saved);
        let intentions = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT i.id, i.text, i.follow_up_id, f.status FROM week_intention i
                 LEFT JOIN follow_up f ON f.id = i.follow_up_id WHERE i.week_start = ?1 ORDER BY i.id",
            )?;
            let rows = stmt.query_map([key], |r| {
                Ok(Intention { id: r.get(0)?, text: r.get(1)?, follow_up_id: r.get(2)?, follow_up_status: r.get(3)? })
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let (journal, updated_at) = match row {
            Some((journal, at)) => (journal, Some(crate::clock::instants::instant(at)?)),
            None => (String::new(), None),
        };
        Ok(Reflection { journal, answers, intentions, updated_at })
    }
}

/// The kind of follow-up an intention's first word names.
fn intention_kind(text: &str) -> FollowUpKind {
    let first = text.split_whitespace().next().unwrap_or_default().to_lowercase();
    match first.trim_matches(|c: char| !c.is_alphanumeric()) {
        "call" | "phone" | "ring" => FollowUpKind::Call,
        "meet" | "visit" | "lunch" | "coffee" => FollowUpKind::Meet,
        "write" | "email" | "message" | "dm" => FollowUpKind::Write,
        "thank" => FollowUpKind::Thank,
        _ => FollowUpKind::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_intention_s_first_word_names_its_kind() {
        assert_eq!(intention_kind("Call Ana about the offer"), FollowUpKind::Call);
        assert_eq!(intention_kind("  coffee with Tom"), FollowUpKind::Meet);
        assert_eq!(intention_kind("Email: the deck"), FollowUpKind::Write);
        assert_eq!(intention_kind("Thank Sam"), FollowUpKind::Thank);
        assert_eq!(intention_kind("Post less"), FollowUpKind::Other);
        assert_eq!(intention_kind(""), FollowUpKind::Other);
    }
}
