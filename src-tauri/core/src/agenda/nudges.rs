//! Nudges: suggestions computed from the diary, never stored as tasks. Dismissing one
//! hides it until the facts it was computed from change.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::agenda::follow_ups::{FollowUp, FollowUpInput};
use crate::clock::instants::{days_between, instant, local_date};
use crate::storage::diary::Diary;
use crate::storage::error::{Error, Result};
use crate::vocab::{Channel, FollowUpKind, HandlePlatform, NudgeKind, Outcome};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Nudge {
    pub kind: NudgeKind,
    pub person_id: i64,
    pub display_name: String,
    /// "Pick up the phone", "Write to", "Call", "Say thank you".
    pub title: String,
    /// The facts behind it: "5 messages on LinkedIn, never spoken · last touch 3 days ago".
    pub detail: String,
    /// A fingerprint of those facts; dismissing remembers it.
    pub facts: String,
    /// The nudge as a question, for the moment a touch brings it on:
    /// "Third message with Ana Lima, never spoken: pick up the phone?"
    pub prompt: String,
    /// Doing it, offered beside "Make a follow-up".
    pub action: NudgeAction,
}

/// The action a nudge asks for: the quick log opened on this channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NudgeAction {
    /// "Log the call", "Write now", "Write a thank-you".
    pub label: String,
    pub channel: Channel,
}

impl NudgeAction {
    pub(crate) fn of(kind: NudgeKind) -> NudgeAction {
        let (label, channel) = match kind {
            NudgeKind::PickUpThePhone | NudgeKind::GoneQuiet => ("Log the call", Channel::Phone),
            NudgeKind::Cadence => ("Write now", Channel::DirectMessage),
            NudgeKind::SayThankYou => ("Write a thank-you", Channel::DirectMessage),
            NudgeKind::SayHappyBirthday => ("Write a birthday message", Channel::DirectMessage),
        };
        NudgeAction { label: label.into(), channel }
    }
}

/// The most nudges of one kind shown at once, the strongest first: a list of hundreds
/// asks nothing of anyone in particular.
pub const NUDGES_PER_KIND: usize = 25;

/// How far back an outcome still asks for a thank-you.
const THANKS_WINDOW_DAYS: i64 = 60;

impl Diary {
    /// Every nudge in force now that has not been dismissed with the same facts.
    pub fn nudges(&self) -> Result<Vec<Nudge>> {
        self.nudges_of(None)
    }

    /// The nudges in force now for one person, for their page and after a touch with them.
    pub fn person_nudges(&self, person_id: i64) -> Result<Vec<Nudge>> {
        self.nudges_of(Some(person_id))
    }

    fn nudges_of(&self, person: Option<i64>) -> Result<Vec<Nudge>> {
        let settings = self.settings()?;
        let now = self.now();
        let mut nudges = self.birthday_nudges(person)?;
        nudges.extend(self.thank_you_nudges(now, person)?);
        nudges.extend(self.phone_nudges(now, settings.phone_nudge_touches, person)?);
        nudges.extend(self.silence_nudges(now, settings.default_cadence_days, settings.gone_quiet_days, person)?);
        let dismissed = self.dismissals()?;
        nudges.retain(|n| dismissed.get(&(n.person_id, n.kind)) != Some(&n.facts));
        Ok(nudges)
    }

    /// The "gone quiet" and "cadence" nudges in force now, without those dismissed.
    pub(crate) fn silences(&self) -> Result<Vec<Nudge>> {
        let settings = self.settings()?;
        let mut nudges = self.silence_nudges(self.now(), settings.default_cadence_days, settings.gone_quiet_days, None)?;
        let dismissed = self.dismissals()?;
        nudges.retain(|n| dismissed.get(&(n.person_id, n.kind)) != Some(&n.facts));
        Ok(nudges)
    }

    /// Dismisses the nudge of `kind` for a person until its facts change. The nudge is
    /// read again from the diary, not taken from the window, so a stale screen cannot
    /// dismiss what the diary no longer suggests.
    pub fn dismiss_nudge(&mut self, person_id: i64, kind: NudgeKind) -> Result<()> {
        self.in_one_transaction(|diary| {
            let nudge = diary.current_nudge(person_id, kind)?;
            diary.remember_dismissal(&nudge)
        })
    }

    /// Takes back a dismissal: the nudge shows again while its facts hold.
    pub fn restore_nudge(&mut self, person_id: i64, kind: NudgeKind) -> Result<()> {
        self.conn.execute("DELETE FROM nudge_dismissal WHERE person_id = ?1 AND kind = ?2", params![person_id, kind])?;
        Ok(())
    }

    /// Turns the nudge of `kind` for a person into a follow-up due today, and dismisses
    /// the nudge: one transaction, from the nudge as the diary computes it now. It counts
    /// as already notified: the user has just decided it, a reminder now would only echo.
    /// Snoozing or moving it lets it be notified at its new moment.
    pub fn follow_up_from_nudge(&mut self, person_id: i64, kind: NudgeKind) -> Result<FollowUp> {
        self.in_one_transaction(|diary| {
            let nudge = diary.current_nudge(person_id, kind)?;
            let kind = match nudge.kind {
                NudgeKind::PickUpThePhone | NudgeKind::GoneQuiet => FollowUpKind::Call,
                NudgeKind::Cadence | NudgeKind::SayHappyBirthday => FollowUpKind::Write,
                NudgeKind::SayThankYou => FollowUpKind::Thank,
            };
            let input = FollowUpInput {
                person_id: Some(nudge.person_id),
                touch_id: None,
                kind,
                title: format!("{} {}", kind.verb(), nudge.display_name),
                notes: nudge.detail.clone(),
                due_date: local_date(diary.tz(), diary.now()).into(),
                due_time: None,
            };
            let made = diary.add_follow_up(&input)?;
            diary.conn.execute("UPDATE follow_up SET notified_at = ?2 WHERE id = ?1", params![made.id, diary.now().timestamp()])?;
            diary.remember_dismissal(&nudge)?;
            diary.follow_up(made.id)
        })
    }

    /// The nudge of `kind` the diary suggests for a person now.
    fn current_nudge(&self, person_id: i64, kind: NudgeKind) -> Result<Nudge> {
        self.person_nudges(person_id)?
            .into_iter()
            .find(|n| n.person_id == person_id && n.kind == kind)
            .ok_or_else(|| Error::invalid("nudge", "That suggestion no longer applies: the diary has changed since it was shown."))
    }

    fn remember_dismissal(&self, nudge: &Nudge) -> Result<()> {
        self.conn.execute(
            "INSERT INTO nudge_dismissal (person_id, kind, facts, dismissed_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (person_id, kind) DO UPDATE SET facts = excluded.facts, dismissed_at = excluded.dismissed_at",
            params![nudge.person_id, nudge.kind, nudge.facts, self.now().timestamp()],
        )?;
        Ok(())
    }

    /// "Pick up the phone": enough personal written touches since the last call or meeting
    /// (or ever), and still below `spoken`. Counted on the person's row (figures.rs).
    fn phone_nudges(&self, now: DateTime<Utc>, threshold: u32, person: Option<i64>) -> Result<Vec<Nudge>> {
        let (index, who) = one_or_all(person, "person_messages", "?3");
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT p.id, p.display_name, p.messages_since_spoken, p.newest_message_id, p.last_touch_at,
                    p.last_spoken_at IS NOT NULL,
                    (SELECT t.platform FROM touch_person tp JOIN touch t ON t.id = tp.touch_id AND t.deleted_at IS NULL
                     WHERE tp.person_id = p.id AND t.personal = 1 AND t.platform IS NOT NULL AND t.platform != 'email'
                     ORDER BY tp.happened_at DESC LIMIT 1)
             FROM person p {index}
             WHERE p.messages_since_spoken >= ?1 AND p.messages_since_spoken > 0
               AND p.archived_at IS NULL AND p.merged_into IS NULL AND p.rung IN ('noticed', 'connected', 'conversing')
               AND {who}
             ORDER BY p.messages_since_spoken DESC, p.display_name COLLATE NOCASE LIMIT ?2"
        ))?;
        let rows = stmt
            .query_map(params![threshold, NUDGES_PER_KIND as i64, person], |r| {
                Ok((
                    (r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, u32>(2)?, r.get::<_, i64>(3)?),
                    (r.get::<_, i64>(4)?, r.get::<_, bool>(5)?, r.get::<_, Option<HandlePlatform>>(6)?),
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|((id, name, count, newest), (last, spoken, platform))| {
                let messages = if count == 1 { "1 message".to_owned() } else { format!("{count} messages") };
                // Where the conversation is: the platform of the latest personal message on one.
                let on = platform.map(|p| format!(" on {}", p.label())).unwrap_or_default();
                let since = if spoken { " since you last spoke" } else { ", never spoken" };
                Ok(Nudge {
                    kind: NudgeKind::PickUpThePhone,
                    person_id: id,
                    title: "Pick up the phone".into(),
                    detail: format!("{messages}{on}{since} · last touch {}", ago(days_between(instant(last)?, now))),
                    facts: format!("{count}:{newest}"),
                    prompt: format!("{} message with {name}{since}: pick up the phone?", ordinal(count)),
                    action: NudgeAction::of(NudgeKind::PickUpThePhone),
                    display_name: name,
                })
            })
            .collect()
    }

    /// "Gone quiet" (a client with no touch for `gone_quiet_days`) and "cadence" (no touch
    /// for longer than the person's cadence). Cadence counts for people with a cadence of
    /// their own, or on `conversing` or higher with the default: an imported list of
    /// connections is not a list of relationships yet. Someone never touched has no
    /// silence to measure.
    fn silence_nudges(&self, now: DateTime<Utc>, default_cadence: u32, gone_quiet: u32, person: Option<i64>) -> Result<Vec<Nudge>> {
        // Each kind's longest silences are the first rows of the index by last touch, so
        // SQL stops after the few shown, whatever the size of the diary. The conditions
        // are the rule itself: `days` below is whole days since the last touch.
        let quiet = "p.rung = 'working' AND p.last_touch_at <= ?1 - ?3 * 86400";
        let cadence = format!(
            "(p.cadence_days IS NOT NULL OR p.rung IN ('conversing', 'spoken', 'met', 'working'))
             AND p.last_touch_at <= ?1 - (coalesce(p.cadence_days, ?2) + 1) * 86400 AND NOT ({quiet})"
        );
        let mut nudges = self.longest_silences(quiet, (now, person), default_cadence, gone_quiet, |days, _| {
            (NudgeKind::GoneQuiet, "Call", format!("A client, and no touch for {days} days"))
        })?;
        nudges.extend(self.longest_silences(&cadence, (now, person), default_cadence, gone_quiet, |days, every| {
            (NudgeKind::Cadence, "Write to", format!("No touch for {days} days (every {every} days)"))
        })?);
        Ok(nudges)
    }

    /// The people matching `condition` with the longest silences, at most
    /// `NUDGES_PER_KIND`, worded by `word(days, cadence)`: kind, title and detail.
    fn longest_silences(
        &self,
        condition: &str,
        (now, person): (DateTime<Utc>, Option<i64>),
        default_cadence: u32,
        gone_quiet: u32,
        word: impl Fn(i64, u32) -> (NudgeKind, &'static str, String),
    ) -> Result<Vec<Nudge>> {
        let (index, who) = one_or_all(person, "person_silence", "?5");
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT p.id, p.display_name, p.cadence_days, p.last_touch_at
             FROM person p {index}
             WHERE p.archived_at IS NULL AND p.merged_into IS NULL AND p.last_touch_at IS NOT NULL AND {condition}
               AND {who}
             ORDER BY p.last_touch_at, p.cadence_days, p.rung, p.display_name LIMIT ?4"
        ))?;
        let rows = stmt
            .query_map(params![now.timestamp(), default_cadence, gone_quiet, NUDGES_PER_KIND as i64, person], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<u32>>(2)?, r.get::<_, i64>(3)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(id, name, own, last)| {
                let days = days_between(instant(last)?, now);
                let (kind, title, detail) = word(days, own.unwrap_or(default_cadence));
                let prompt = format!("No touch with {name} for {days} days: {}?", title.to_lowercase());
                let action = NudgeAction::of(kind);
                Ok(Nudge { kind, person_id: id, display_name: name, title: title.into(), detail, facts: last.to_string(), prompt, action })
            })
            .collect()
    }

    /// "Say thank you": a referral or business won with no outbound touch since.
    fn thank_you_nudges(&self, now: DateTime<Utc>, person: Option<i64>) -> Result<Vec<Nudge>> {
        let since = (now - Duration::days(THANKS_WINDOW_DAYS)).timestamp();
        // Newest outcomes first, so each person's first row is their latest outcome (if
        // any of theirs is unthanked, that one is), and reading stops at the few shown.
        let (_, who) = one_or_all(person, "", "?2");
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT p.id, p.display_name, t.id, t.outcome, t.happened_at
             FROM touch t JOIN touch_person tp ON tp.touch_id = t.id
             JOIN person p ON p.id = tp.person_id AND p.archived_at IS NULL AND p.merged_into IS NULL
             WHERE t.deleted_at IS NULL AND t.outcome IN ('referral', 'business_won') AND t.happened_at >= ?1
               AND tp.happened_at >= ?1 AND {who}
               AND NOT EXISTS (
                   SELECT 1 FROM touch_person later JOIN touch lt ON lt.id = later.touch_id AND lt.deleted_at IS NULL
                   WHERE later.person_id = p.id AND lt.direction = 'out' AND later.happened_at > t.happened_at)
             ORDER BY t.happened_at DESC, t.id DESC"
        ))?;
        let mut rows = stmt.query(params![since, person])?;
        let mut nudges: Vec<Nudge> = Vec::new();
        while nudges.len() < NUDGES_PER_KIND {
            let Some(row) = rows.next()? else { break };
            let id: i64 = row.get(0)?;
            if nudges.iter().any(|n| n.person_id == id) {
                continue;
            }
            let (touch, outcome, at): (i64, Outcome, i64) = (row.get(2)?, row.get(3)?, row.get(4)?);
            let what = if outcome == Outcome::Referral { "A referral" } else { "Business won" };
            let name: String = row.get(1)?;
            nudges.push(Nudge {
                kind: NudgeKind::SayThankYou,
                person_id: id,
                title: "Say thank you".into(),
                detail: format!("{what} {}, and no thank-you since", ago(days_between(instant(at)?, now))),
                facts: touch.to_string(),
                prompt: format!("{what} through {name}: say thank you?"),
                action: NudgeAction::of(NudgeKind::SayThankYou),
                display_name: name,
            });
        }
        Ok(nudges)
    }

    fn dismissals(&self) -> Result<HashMap<(i64, NudgeKind), String>> {
        let mut stmt = self.conn.prepare_cached("SELECT person_id, kind, facts FROM nudge_dismissal")?;
        let rows = stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The index hint and the condition on `p.id` for one person or everyone. One person is
/// a lookup by id: `?n IS NULL OR p.id = ?n` would leave SQLite reading the whole index
/// for a single row (the person page, after each touch).
fn one_or_all(person: Option<i64>, index: &str, param: &str) -> (String, String) {
    match person {
        Some(_) => (String::new(), format!("p.id = {param}")),
        None => (if index.is_empty() { String::new() } else { format!("INDEXED BY {index}") }, format!("{param} IS NULL")),
    }
}

/// "First", "Third", "12th".
fn ordinal(n: u32) -> String {
    const WORDS: [&str; 10] = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth"];
    match n {
        1..=10 => WORDS[n as usize - 1].into(),
        n if (11..=13).contains(&(n % 100)) => format!("{n}th"),
        n => format!("{n}{}", ["th", "st", "nd", "rd", "th", "th", "th", "th", "th", "th"][n as usize % 10]),
    }
}

/// "today", "yesterday", "3 days ago".
fn ago(days: i64) -> String {
    match days {
        i64::MIN..=0 => "today".into(),
        1 => "yesterday".into(),
        n => format!("{n} days ago"),
    }
}
