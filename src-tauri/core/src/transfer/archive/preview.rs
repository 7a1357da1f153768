//! The preview: per source, who is matched, who would be new, who is ambiguous, what
//! is left out, the touches to add by channel and year, and the ladder moves.

use std::collections::BTreeMap;

use serde::Serialize;

use super::grain;
use super::model::{ArchiveSource, Problem};
use super::plan::{messages_per_thread, PreviewParty, PreviewThread, RungMove, SourcePlan, Who, YearChannel};
use crate::transfer::import::matching::Known;

/// How many people, threads and problems a source's preview lists; counts cover all.
pub const PREVIEW_PEOPLE: usize = 300;
pub const PREVIEW_THREADS: usize = 100;
pub const PREVIEW_PROBLEMS: usize = 100;

/// Someone the user could be in a source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SelfChoice {
    pub key: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourcePreview {
    pub source: ArchiveSource,
    pub label: &'static str,
    /// The files it read.
    pub parts: Vec<String>,
    /// Who the user is taken to be, and who else they could be.
    pub me: Option<SelfChoice>,
    pub selves: Vec<SelfChoice>,
    pub messages: usize,
    pub people_matched: usize,
    pub people_new: usize,
    pub people_ambiguous: usize,
    pub touches_new: usize,
    /// Already in the diary: from an earlier import, or logged by hand that day.
    pub touches_already: usize,
    pub touches_typed: usize,
    /// Ambiguous first, then by touches, most first.
    pub people: Vec<PreviewParty>,
    pub people_not_listed: usize,
    /// Conversations, the ones left out first, then by messages; each can be left out
    /// or brought in.
    pub threads: Vec<PreviewThread>,
    pub threads_total: usize,
    pub threads_left_out: usize,
    pub by_year: Vec<YearChannel>,
    pub rung_moves: Vec<RungMove>,
    pub problems: Vec<Problem>,
    pub problems_total: usize,
}

pub(crate) fn source_preview(plan: &SourcePlan<'_>, known: &Known, choices: &grain::SourceChoices, tz: chrono_tz::Tz) -> SourcePreview {
    use chrono::{Datelike, TimeZone};
    let read = plan.read;
    let choice = |p: usize| SelfChoice { key: read.parties[p].key.clone(), name: read.parties[p].name.clone() };
    let ladder = plan.ladder(known);
    let mut per_party: BTreeMap<usize, usize> = BTreeMap::new();
    let mut by_year: BTreeMap<(i32, crate::vocab::Channel), usize> = BTreeMap::new();
    for t in &plan.touches {
        for &p in &t.people {
            *per_party.entry(p).or_default() += 1;
        }
        let year = tz.timestamp_opt(t.at, 0).single().map_or(1970, |d| d.year());
        *by_year.entry((year, t.channel)).or_default() += 1;
    }
    let mut people: Vec<PreviewParty> = Vec::new();
    let (mut matched, mut new, mut ambiguous) = (0, 0, 0);
    for (p, who) in plan.who.iter().enumerate() {
        let Some(who) = who else { continue };
        let touches = per_party.get(&p).copied().unwrap_or(0);
        let in_use = touches > 0 || plan.contacts.contains(&p);
        let (status, person_id, person_name, candidates) = match who {
            Who::Person(id) if in_use => {
                matched += 1;
                ("matched", Some(*id), known.person(*id).map(|k| k.name.clone()).unwrap_or_default(), Vec::new())
            }
            Who::New if in_use => {
                new += 1;
                ("new", None, String::new(), Vec::new())
            }
            Who::Ambiguous(ids) => {
                ambiguous += 1;
                let names = ids.iter().map(|id| (*id, known.person(*id).map(|k| k.name.clone()).unwrap_or_default())).collect();
                ("ambiguous", None, String::new(), names)
            }
            _ => continue,
        };
        let reach = ladder.get(&p);
        people.push(PreviewParty {
            key: read.parties[p].key.clone(),
            name: read.parties[p].name.clone(),
            status,
            person_id,
            person_name,
            candidates,
            touches,
            rung: reach.map(|r| r.1),
            since: reach.and_then(|r| tz.timestamp_opt(r.2, 0).single()).map(|d| d.date_naive().to_string()),
        });
    }
    people.sort_by(|a, b| {
        (b.status == "ambiguous").cmp(&(a.status == "ambiguous")).then(b.touches.cmp(&a.touches)).then(a.name.cmp(&b.name))
    });
    let people_not_listed = people.len().saturating_sub(PREVIEW_PEOPLE);
    people.truncate(PREVIEW_PEOPLE);
    let counts = messages_per_thread(read);
    let mut threads: Vec<PreviewThread> = read
        .threads
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let people = grain::others(t, plan.me).len();
            let left_out = grain::left_out(t, plan.me, choices);
            PreviewThread {
                key: t.key.clone(),
                title: if t.title.is_empty() { thread_title(plan, i) } else { t.title.clone() },
                people,
                messages: counts.get(&i).copied().unwrap_or(0),
                why: left_out.map(|l| l.why(people)),
                left_out,
                choice: grain::thread_choice(t, plan.me, choices),
            }
        })
        .filter(|t| t.messages > 0)
        .collect();
    // What is left out first, for the user to check; then the largest conversations.
    threads.sort_by_key(|t| (t.left_out.is_none(), std::cmp::Reverse(t.messages)));
    let threads_total = threads.len();
    let threads_left_out = threads.iter().filter(|t| t.left_out.is_some()).count();
    threads.truncate(PREVIEW_THREADS);
    let mut moves: BTreeMap<crate::vocab::Rung, usize> = BTreeMap::new();
    for (_, to, _) in ladder.values() {
        *moves.entry(*to).or_default() += 1;
    }
    SourcePreview {
        source: read.source,
        label: read.source.label(),
        parts: read.parts.clone(),
        me: plan.me.map(choice),
        selves: read.selves.iter().map(|&p| choice(p)).collect(),
        messages: read.messages.len(),
        people_matched: matched,
        people_new: new,
        people_ambiguous: ambiguous,
        touches_new: plan.touches.len(),
        touches_already: plan.already,
        touches_typed: plan.typed,
        people,
        people_not_listed,
        threads,
        threads_total,
        threads_left_out,
        by_year: by_year.into_iter().map(|((year, channel), touches)| YearChannel { year, channel, touches }).collect(),
        rung_moves: moves.into_iter().map(|(rung, people)| RungMove { rung, people }).collect(),
        problems: read.problems.iter().take(PREVIEW_PROBLEMS).cloned().collect(),
        problems_total: read.problems.len(),
    }
}

/// A thread with no title is named by its first few people.
fn thread_title(plan: &SourcePlan<'_>, thread: usize) -> String {
    let others = grain::others(&plan.read.threads[thread], plan.me);
    let names: Vec<&str> = others.iter().take(3).map(|&p| plan.read.parties[p].name.as_str()).collect();
    let more = others.len().saturating_sub(3);
    if more > 0 {
        format!("{} and {more} more", names.join(", "))
    } else {
        names.join(", ")
    }
}
