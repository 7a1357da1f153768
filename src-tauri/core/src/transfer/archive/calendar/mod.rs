//! Calendars (.ics: Google Takeout's one file per calendar, Outlook's and Apple's
//! exports): each past occurrence of a meeting with someone else becomes a message,
//! on video when the event carries a call link, in person otherwise.

mod ics;
mod rrule;
mod when;

use std::collections::{HashMap, HashSet};

use self::ics::{Calendar, Event, Prop};
use self::when::{When, Zones};
use super::{Archive, ArchiveSource, Message, SourceRead};
use crate::people::handles::NewHandle;
use crate::storage::error::Result;
use crate::vocab::{Channel, HandlePlatform};

/// Occurrences read per series; a daily stand-up since 2010 is about 4,000.
const MAX_OCCURRENCES: usize = 5_000;

/// Where a call link in an event's text says the meeting was on video.
const VIDEO_LINKS: &[&str] = &[
    "meet.google.com",
    "zoom.us/",
    "zoom.com/",
    "teams.microsoft.com",
    "teams.live.com",
    "webex.com",
    "whereby.com",
    "facetime.apple.com",
];

/// The event properties a call link is found in.
const LINK_PROPS: &[&str] = &[
    "LOCATION",
    "DESCRIPTION",
    "X-GOOGLE-CONFERENCE",
    "CONFERENCE",
    "URL",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL",
    "X-MICROSOFT-ONLINEMEETINGEXTERNALLINK",
];

pub(super) fn read(archive: &Archive) -> Result<Option<SourceRead>> {
    read_until(archive, chrono::Utc::now().timestamp())
}

/// `read` with "now" given, so tests can pin which occurrences are past.
pub fn read_until(archive: &Archive, now: i64) -> Result<Option<SourceRead>> {
    let parts: Vec<_> = archive.parts().iter().filter(|p| p.name().to_ascii_lowercase().ends_with(".ics")).collect();
    if parts.is_empty() {
        return Ok(None);
    }
    let mut read = SourceRead::new(ArchiveSource::Calendar);
    let mut calendars = Vec::new();
    for part in parts {
        read.parts.push(part.path.clone());
        match archive.text(part) {
            Ok(text) => {
                let cal = ics::parse(&text);
                for (line, reason) in &cal.problems {
                    read.problem(&part.path, Some(*line), reason.clone());
                }
                calendars.push((part.path.clone(), cal));
            }
            Err(e) => read.problem(&part.path, None, e.to_string()),
        }
    }
    let selves = selves(&calendars);
    let mut seen = HashSet::new();
    for (part, cal) in &calendars {
        occurrences(&mut read, &mut seen, part, cal, selves.first().map(String::as_str), now);
    }
    for address in &selves {
        let i = read.party(address, "", vec![handle(address)]);
        read.selves.push(i);
    }
    Ok(Some(read))
}

/// An attendee or organizer.
struct Person {
    address: String,
    name: String,
    declined: bool,
}

/// The people an event names, rooms and resources left out; the organizer first.
fn people(event: &Event) -> (Option<Person>, Vec<Person>) {
    let organizer = event.get("ORGANIZER").and_then(person);
    let attendees = event.all("ATTENDEE").filter_map(person).collect();
    (organizer, attendees)
}

fn person(prop: &Prop) -> Option<Person> {
    let value = prop.value.trim();
    let address = value.get(..7).filter(|s| s.eq_ignore_ascii_case("mailto:")).map_or(value, |_| &value[7..]).trim().to_lowercase();
    let kind = prop.param("CUTYPE").unwrap_or("").to_ascii_uppercase();
    if !address.contains('@') || kind == "ROOM" || kind == "RESOURCE" || address.ends_with("resource.calendar.google.com") {
        return None;
    }
    let cn = prop.param("CN").unwrap_or("").trim();
    let name = if cn.eq_ignore_ascii_case(&address) { String::new() } else { cn.to_owned() };
    let declined = prop.param("PARTSTAT").is_some_and(|s| s.eq_ignore_ascii_case("DECLINED"));
    Some(Person { address, name, declined })
}

/// Who the user is, best first: the calendars named by an address (Google names a
/// primary calendar after its owner), the one in most events first; else whoever is
/// in the most events.
fn selves(calendars: &[(String, Calendar)]) -> Vec<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (_, cal) in calendars {
        for event in &cal.events {
            let (organizer, attendees) = people(event);
            let mut here: Vec<String> = organizer.into_iter().chain(attendees).map(|p| p.address).collect();
            here.sort();
            here.dedup();
            for address in here {
                *counts.entry(address).or_default() += 1;
            }
        }
    }
    let count = |a: &String| counts.get(a).copied().unwrap_or(0);
    let mut named: Vec<String> = Vec::new();
    for (_, cal) in calendars {
        let name = cal.name.trim().to_lowercase();
        if name.contains('@') && !name.contains(char::is_whitespace) && !named.contains(&name) {
            named.push(name);
        }
    }
    if !named.is_empty() {
        // Stable: ties keep the order of the files.
        named.sort_by_key(|a| std::cmp::Reverse(count(a)));
        return named;
    }
    let mut all: Vec<(&String, &usize)> = counts.iter().collect();
    all.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    all.first().map(|(a, _)| vec![(*a).clone()]).unwrap_or_default()
}

/// Adds every past occurrence of the calendar's meetings to `read`.
fn occurrences(read: &mut SourceRead, seen: &mut HashSet<String>, part: &str, cal: &Calendar, me: Option<&str>, now: i64) {
    let mut zones = Zones { blocks: &cal.zones, unknown: Vec::new() };
    let mut problems: Vec<(usize, String)> = Vec::new();
    // A moved or cancelled occurrence: its series' UID and the instant it replaces.
    let mut moved: HashSet<(String, i64)> = HashSet::new();
    let mut overrides = Vec::new();
    for event in cal.events.iter().filter(|e| e.get("RECURRENCE-ID").is_some()) {
        let Some(rid) = event.get("RECURRENCE-ID") else { continue };
        match zones.when(rid, &rid.value).map(|w| w.unix()) {
            Ok(Some(at)) => {
                moved.insert((uid(event), at));
                overrides.push((event, at));
            }
            _ => problems.push((rid.line, format!("RECURRENCE-ID {} is not a date", rid.value))),
        }
    }
    for event in cal.events.iter().filter(|e| e.get("RECURRENCE-ID").is_none()) {
        let Some(start) = start(event, &mut zones, &mut problems) else { continue };
        if cancelled(event) {
            continue;
        }
        let uid = uid(event);
        let local = match event.get("RRULE") {
            None => vec![start.local],
            Some(prop) => match rrule::parse(&prop.value) {
                Ok(rule) => {
                    let (local, capped) = rrule::expand(&rule, start.local, start.zone, now, MAX_OCCURRENCES);
                    if capped {
                        problems.push((
                            prop.line,
                            format!("this event repeats more than {MAX_OCCURRENCES} times; the first {MAX_OCCURRENCES} are read"),
                        ));
                    }
                    local
                }
                Err(reason) => {
                    problems.push((prop.line, format!("{reason}; only the first occurrence is read")));
                    vec![start.local]
                }
            },
        };
        let mut skipped = HashSet::new();
        for prop in event.all("EXDATE") {
            for value in prop.value.split(',') {
                match zones.when(prop, value) {
                    Ok(w) => skipped.extend(w.unix()),
                    Err(reason) => problems.push((prop.line, reason)),
                }
            }
        }
        for at in local.into_iter().filter_map(|l| start.zone.unix(l)) {
            if at <= now && !skipped.contains(&at) && !moved.contains(&(uid.clone(), at)) {
                meeting(read, seen, event, &uid, at, at, me);
            }
        }
    }
    for (event, replaces) in overrides {
        let Some(start) = start(event, &mut zones, &mut problems) else { continue };
        match start.unix() {
            Some(at) if at <= now && !cancelled(event) => meeting(read, seen, event, &uid(event), at, replaces, me),
            _ => {}
        }
    }
    problems.extend(zones.unknown.into_iter().map(|(line, _, reason)| (line, reason)));
    problems.sort();
    for (line, reason) in problems {
        read.problem(part, Some(line), reason);
    }
}

fn start(event: &Event, zones: &mut Zones<'_>, problems: &mut Vec<(usize, String)>) -> Option<When> {
    let Some(prop) = event.get("DTSTART") else {
        problems.push((event.line, "this event has no DTSTART; it was not read".into()));
        return None;
    };
    match zones.when(prop, &prop.value) {
        Ok(w) if w.unix().is_some() => Some(w),
        Ok(_) => {
            problems.push((prop.line, format!("DTSTART {} is not a time that exists", prop.value)));
            None
        }
        Err(reason) => {
            problems.push((prop.line, reason));
            None
        }
    }
}

fn cancelled(event: &Event) -> bool {
    event.value("STATUS").trim().eq_ignore_ascii_case("CANCELLED")
}

/// The series' id; an event without one (not valid, but seen) is known by its start and title.
fn uid(event: &Event) -> String {
    match event.value("UID").trim() {
        "" => format!("{}/{}", event.value("DTSTART").trim(), event.value("SUMMARY").trim()),
        uid => uid.to_owned(),
    }
}

/// One occurrence, at `at`, standing for the series' occurrence at `slot` (the same,
/// unless it was moved): a message, unless the user declined or is alone in it.
fn meeting(read: &mut SourceRead, seen: &mut HashSet<String>, event: &Event, uid: &str, at: i64, slot: i64, me: Option<&str>) {
    let (organizer, attendees) = people(event);
    if attendees.iter().any(|p| p.declined && Some(p.address.as_str()) == me) {
        return;
    }
    let everyone: Vec<&Person> = organizer.iter().chain(&attendees).collect();
    if !everyone.iter().any(|p| Some(p.address.as_str()) != me) {
        return;
    }
    let slot_text = chrono::DateTime::from_timestamp(slot, 0).map_or_else(|| slot.to_string(), |t| t.format("%Y%m%dT%H%M%SZ").to_string());
    let id = format!("{uid}/{slot_text}");
    if !seen.insert(id.clone()) {
        return;
    }
    let summary = ics::unescape(event.value("SUMMARY").trim());
    let thread = read.thread(uid, &summary);
    let mut sender = None;
    for (i, p) in everyone.iter().enumerate() {
        let party = read.party(&p.address, &p.name, vec![handle(&p.address)]);
        read.join(thread, party);
        if i == 0 && organizer.is_some() {
            sender = Some(party);
        }
    }
    let video = LINK_PROPS.iter().flat_map(|name| event.all(name)).any(|p| {
        let text = p.value.to_ascii_lowercase();
        VIDEO_LINKS.iter().any(|link| text.contains(link))
    });
    read.messages.push(Message {
        id,
        thread,
        sender,
        to: Vec::new(),
        at,
        channel: if video { Channel::Video } else { Channel::InPerson },
        personal: None,
        text: summary,
    });
}

fn handle(address: &str) -> NewHandle {
    NewHandle { platform: HandlePlatform::Email, value: address.to_owned(), url: String::new(), professional: true }
}
