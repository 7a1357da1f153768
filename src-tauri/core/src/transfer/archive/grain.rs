//! The grain: messages become touches as a person would log them.
//!
//! The rule (README "Importing archives"): one touch per thread, local day, direction,
//! channel and the people it was with, standing for the messages it groups. What the
//! user sent is a touch with the thread's other people (or the message's recipients);
//! what someone sent is a touch with them. A thread with one other person is personal;
//! a group is not, and a group of `LARGE_GROUP` or more others is left out unless asked.
//! Spam and message requests are left out unless asked.

use std::collections::{HashMap, HashSet};

use chrono::TimeZone;
use chrono_tz::Tz;

use super::ids::stable_id;
use super::model::{SourceRead, Thread};
use crate::vocab::{Channel, Direction, HandlePlatform};

/// A group with this many people besides the user is an audience, not a conversation.
pub const LARGE_GROUP: usize = 10;

/// What the user chose in the preview for one source.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SourceChoices {
    /// The party key of the user; empty means the reading's first guess.
    pub me: String,
    /// Party keys to leave out.
    pub skip_people: Vec<String>,
    /// Thread keys to leave out.
    pub skip_threads: Vec<String>,
    /// Thread keys of large groups to bring in after all.
    pub include_threads: Vec<String>,
    pub include_spam: bool,
    /// Who an ambiguous party is: a person's id, or 0 for a new person.
    pub assign: HashMap<String, i64>,
    /// Keep the words of the messages as the touches' notes.
    pub keep_words: bool,
}

/// The local day a message falls on (or, where the zone cannot say, its UTC day number).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Day {
    Local(chrono::NaiveDate),
    Unix(i64),
}

/// One touch to be, before it meets the diary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrainTouch {
    /// Stable across exports: the same day of the same thread gives the same key.
    pub key: String,
    /// The first message's time.
    pub at: i64,
    pub channel: Channel,
    pub platform: Option<HandlePlatform>,
    pub direction: Direction,
    pub personal: bool,
    /// Parties (indexes into the reading's `parties`), never the user.
    pub people: Vec<usize>,
    pub messages: usize,
    pub thread: usize,
    /// The words, when the user asked to keep them.
    pub notes: String,
}

/// Why a thread is left out, for the preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LeftOut {
    Spam,
    LargeGroup,
    Skipped,
}

/// The user's party in this reading: the one chosen, else the best guess.
pub fn me_of(read: &SourceRead, choices: &SourceChoices) -> Option<usize> {
    if !choices.me.is_empty() {
        if let Some(i) = read.parties.iter().position(|p| p.key == choices.me) {
            return Some(i);
        }
    }
    read.selves.first().copied()
}

/// The others in a thread: its participants without the user.
pub fn others(thread: &Thread, me: Option<usize>) -> Vec<usize> {
    thread.participants.iter().copied().filter(|p| Some(*p) != me).collect()
}

/// What ticking or clearing a thread's box in the preview changes: spam comes in all
/// together, a large group one by one, and any other conversation can be left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ThreadChoice {
    /// `include_spam`: the box takes every spam thread in or out.
    IncludeSpam,
    /// The thread's key in `include_threads` (a large group, off until asked).
    IncludeThread,
    /// The thread's key in `skip_threads`.
    SkipThread,
}

/// The choice a thread's box changes.
pub fn thread_choice(thread: &Thread, me: Option<usize>, choices: &SourceChoices) -> ThreadChoice {
    if choices.skip_threads.contains(&thread.key) {
        ThreadChoice::SkipThread
    } else if thread.spam {
        ThreadChoice::IncludeSpam
    } else if others(thread, me).len() >= LARGE_GROUP {
        ThreadChoice::IncludeThread
    } else {
        ThreadChoice::SkipThread
    }
}

impl LeftOut {
    /// Why, in words: "spam or a message request", "a group of 14", "left out by you".
    pub fn why(self, people: usize) -> String {
        match self {
            LeftOut::Spam => "spam or a message request".into(),
            LeftOut::LargeGroup => format!("a group of {people}"),
            LeftOut::Skipped => "left out by you".into(),
        }
    }
}

/// Whether (and why) the choices leave a thread out.
pub fn left_out(thread: &Thread, me: Option<usize>, choices: &SourceChoices) -> Option<LeftOut> {
    if choices.skip_threads.contains(&thread.key) {
        return Some(LeftOut::Skipped);
    }
    if thread.spam && !choices.include_spam {
        return Some(LeftOut::Spam);
    }
    (others(thread, me).len() >= LARGE_GROUP && !choices.include_threads.contains(&thread.key)).then_some(LeftOut::LargeGroup)
}

/// Every touch the reading gives under these choices, oldest first.
pub fn touches(read: &SourceRead, choices: &SourceChoices, tz: Tz) -> Vec<GrainTouch> {
    let me = me_of(read, choices);
    let skipped: HashSet<usize> =
        read.parties.iter().enumerate().filter(|(_, p)| choices.skip_people.contains(&p.key)).map(|(i, _)| i).collect();
    let kept: Vec<Option<Vec<usize>>> = read.threads.iter().map(|t| left_out(t, me, choices).is_none().then(|| others(t, me))).collect();
    let platform = read.source.platform();
    // Grouped by what the key is made of; the key itself is written once a touch, not
    // once a message (a large export has millions).
    let mut by_group: HashMap<(usize, Day, Direction, Channel, Vec<usize>), usize> = HashMap::new();
    let mut days: Vec<Day> = Vec::new();
    let mut out: Vec<GrainTouch> = Vec::new();
    for m in &read.messages {
        let Some(Some(thread_others)) = kept.get(m.thread) else { continue };
        let from_me = m.sender.is_none() || m.sender == me;
        let mut people: Vec<usize> = if from_me {
            if m.to.is_empty() {
                thread_others.clone()
            } else {
                m.to.iter().copied().filter(|p| Some(*p) != me).collect()
            }
        } else {
            m.sender.into_iter().collect()
        };
        people.retain(|p| !skipped.contains(p));
        people.sort_unstable();
        people.dedup();
        if people.is_empty() {
            continue;
        }
        let direction = if from_me { Direction::Out } else { Direction::In };
        let day = tz.timestamp_opt(m.at, 0).single().map_or(Day::Unix(m.at.div_euclid(86_400)), |t| Day::Local(t.date_naive()));
        let personal = m.personal.unwrap_or(thread_others.len() <= 1);
        match by_group.entry((m.thread, day, direction, m.channel, people)) {
            std::collections::hash_map::Entry::Occupied(found) => {
                let t = &mut out[*found.get()];
                t.messages += 1;
                t.at = t.at.min(m.at);
                t.personal |= personal;
                if choices.keep_words && !m.text.is_empty() {
                    if !t.notes.is_empty() {
                        t.notes.push('\n');
                    }
                    t.notes.push_str(&m.text);
                }
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                let people = slot.key().4.clone();
                slot.insert(out.len());
                days.push(day);
                out.push(GrainTouch {
                    key: String::new(),
                    at: m.at,
                    channel: m.channel,
                    platform,
                    direction,
                    personal,
                    people,
                    messages: 1,
                    thread: m.thread,
                    notes: if choices.keep_words { m.text.clone() } else { String::new() },
                });
            }
        }
    }
    for (t, day) in out.iter_mut().zip(days) {
        let day = match day {
            Day::Local(date) => date.to_string(),
            Day::Unix(n) => n.to_string(),
        };
        let party_keys: Vec<&str> = t.people.iter().map(|&p| read.parties[p].key.as_str()).collect();
        let thread_key = &read.threads[t.thread].key;
        t.key = format!(
            "{}:{}",
            read.source.as_str(),
            stable_id(&[thread_key, &day, t.direction.as_str(), t.channel.as_str(), &party_keys.join("\u{1e}")])
        );
    }
    out.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.key.cmp(&b.key)));
    out
}
