//! One reader per LinkedIn file. Each says whether the text was that file (its header
//! has the columns), and adds what it holds to the reading.

use super::csv_rows::{field, instant, Rows};
use super::People;
use crate::people::handles::NewHandle;
use crate::transfer::archive::ids::{first_chars, stable_id};
use crate::transfer::archive::model::{Message, SourceRead};
use crate::transfer::import::contact::{join_name, normalize_url, web_handle};
use crate::vocab::Channel;

pub(super) type Reader = fn(&mut SourceRead, &mut People, &str, &str) -> bool;

/// Rows that are LinkedIn talking, not a person.
const NOISE: &[&str] = &["Message request accepted", "A LinkedIn member left the conversation."];

impl People {
    /// The party for a profile address (the key every export keeps), or for a name
    /// alone when the row has no address: then the one person of that name whose
    /// address an earlier file gave, if there is one.
    fn party(&mut self, read: &mut SourceRead, name: &str, url: &str) -> Option<usize> {
        let name = name.trim();
        let url = url.trim();
        if !url.is_empty() {
            if let Some(&i) = self.by_url.get(url) {
                if read.parties[i].name.is_empty() && !name.is_empty() {
                    read.parties[i].name = name.to_owned();
                }
                return Some(i);
            }
            let key = normalize_url(url);
            let handles: Vec<NewHandle> = web_handle(url, "LinkedIn").into_iter().collect();
            let new = read.party_index(&key).is_none();
            let i = read.party(&key, name, handles);
            if new && !name.is_empty() {
                self.by_name.entry(name.to_lowercase()).or_default().push(i);
            }
            self.by_url.insert(url.to_owned(), i);
            return Some(i);
        }
        if name.is_empty() || name.eq_ignore_ascii_case("LinkedIn Member") {
            return None;
        }
        if let Some([one]) = self.by_name.get(&name.to_lowercase()).map(Vec::as_slice) {
            return Some(*one);
        }
        Some(read.party(&format!("name:{}", name.to_lowercase()), name, Vec::new()))
    }
}

pub(super) fn connections(read: &mut SourceRead, people: &mut People, part: &str, text: &str) -> bool {
    // One code path with the Connections.csv import: the same reader, the same checks.
    let Ok(parsed) = crate::transfer::import::parse_bytes(text.as_bytes()) else { return false };
    if parsed.format != crate::transfer::ImportFormat::Linkedin {
        return false;
    }
    for contact in parsed.contacts {
        let edit = &contact.edit;
        let url = edit.handles.iter().find(|h| h.platform == crate::vocab::HandlePlatform::Linkedin).map(|h| h.url.clone());
        let Some(i) = people.party(read, &edit.display_name, url.as_deref().unwrap_or_default()) else { continue };
        let party = &mut read.parties[i];
        for h in &edit.handles {
            if !party.handles.iter().any(|x| x.platform == h.platform && x.value.eq_ignore_ascii_case(&h.value)) {
                party.handles.push(h.clone());
            }
        }
        party.company.clone_from(&edit.company);
        party.title.clone_from(&edit.title);
        let day = contact.connected.flatten().and_then(|d| d.and_hms_opt(12, 0, 0));
        party.connected_at = day.map(|at| at.and_utc().timestamp()).or(party.connected_at);
    }
    for r in parsed.rejections {
        read.problem(part, Some(r.line), r.reason);
    }
    true
}

pub(super) fn invitations(read: &mut SourceRead, people: &mut People, part: &str, text: &str) -> bool {
    let Some(rows) = Rows::read(read, part, text, &["FROM", "TO", "SENT AT", "DIRECTION"]) else { return false };
    let c = |name| rows.column(name);
    let (from, to, sent, message, direction, inviter, invitee) =
        (c("FROM"), c("TO"), c("SENT AT"), c("MESSAGE"), c("DIRECTION"), c("INVITERPROFILEURL"), c("INVITEEPROFILEURL"));
    for (line, row) in &rows.rows {
        let Some(at) = instant(field(row, sent)) else {
            read.problem(part, Some(*line), format!("\"{}\" is not a date LinkedIn writes.", field(row, sent)));
            continue;
        };
        let outgoing = field(row, direction).eq_ignore_ascii_case("OUTGOING");
        let (Some(sender), Some(receiver)) =
            (people.party(read, field(row, from), field(row, inviter)), people.party(read, field(row, to), field(row, invitee)))
        else {
            continue;
        };
        if outgoing && !field(row, inviter).is_empty() {
            people.self_url.get_or_insert_with(|| normalize_url(field(row, inviter)));
        }
        let other = if outgoing { receiver } else { sender };
        let thread = read.thread(&format!("invitation:{}", read.parties[other].key), "Invitation");
        read.join(thread, sender);
        read.join(thread, receiver);
        let words = field(row, message);
        read.messages.push(Message {
            id: stable_id(&["invitation", &read.parties[sender].key, &read.parties[receiver].key, &at.to_string()]),
            thread,
            sender: Some(sender),
            to: vec![receiver],
            at,
            channel: Channel::DirectMessage,
            // An invitation with a note is a message to one person; without one, a click.
            personal: Some(!words.is_empty()),
            text: words.to_owned(),
        });
    }
    true
}

pub(super) fn messages(read: &mut SourceRead, people: &mut People, part: &str, text: &str) -> bool {
    let Some(rows) = Rows::read(read, part, text, &["FROM", "TO", "DATE", "CONTENT"]) else { return false };
    let c = |name| rows.column(name);
    let (conversation, title, from, from_url, to, to_urls, date, subject, content, folder, direction, draft) = (
        c("CONVERSATION ID"),
        c("CONVERSATION TITLE"),
        c("FROM"),
        c("SENDER PROFILE URL"),
        c("TO"),
        c("RECIPIENT PROFILE URLS"),
        c("DATE"),
        c("SUBJECT"),
        c("CONTENT"),
        c("FOLDER"),
        c("DIRECTION"),
        c("IS MESSAGE DRAFT"),
    );
    for (line, row) in &rows.rows {
        let words = field(row, content);
        if NOISE.contains(&words) || field(row, draft).eq_ignore_ascii_case("yes") {
            continue;
        }
        let Some(at) = instant(field(row, date)) else {
            read.problem(part, Some(*line), format!("\"{}\" is not a date LinkedIn writes.", field(row, date)));
            continue;
        };
        let Some(sender) = people.party(read, field(row, from), field(row, from_url)) else { continue };
        let recipients = recipients(read, people, field(row, to), field(row, to_urls));
        if field(row, direction).eq_ignore_ascii_case("OUTGOING") {
            people.self_name.get_or_insert_with(|| read.parties[sender].name.clone());
        }
        // The old format has no conversation id: its pair of names is the thread.
        let key = match field(row, conversation) {
            "" => {
                let mut names: Vec<&str> =
                    std::iter::once(sender).chain(recipients.iter().copied()).map(|p| read.parties[p].key.as_str()).collect();
                names.sort_unstable();
                names.join("|")
            }
            id => id.to_owned(),
        };
        let thread = read.thread(&key, field(row, title));
        read.threads[thread].spam |= field(row, folder).to_uppercase().contains("SPAM");
        for &p in std::iter::once(&sender).chain(&recipients) {
            read.join(thread, p);
            *people.rows_with.entry(p).or_default() += 1;
        }
        let words = if field(row, subject).is_empty() { words.to_owned() } else { format!("{}\n{words}", field(row, subject)) };
        read.messages.push(Message {
            id: stable_id(&[&key, field(row, date), &read.parties[sender].key, first_chars(&words, 50)]),
            thread,
            sender: Some(sender),
            to: recipients,
            at,
            channel: Channel::DirectMessage,
            personal: None,
            text: words,
        });
    }
    true
}

/// The recipients of a message row: one party per profile address, named from TO when
/// its names split into as many parts (names can hold commas, so only then).
fn recipients(read: &mut SourceRead, people: &mut People, names: &str, urls: &str) -> Vec<usize> {
    let urls: Vec<&str> = urls.split([',', ';']).map(str::trim).filter(|u| !u.is_empty()).collect();
    let split: Vec<&str> = names.split(',').map(str::trim).collect();
    if urls.is_empty() {
        return people.party(read, names, "").into_iter().collect();
    }
    let named = split.len() == urls.len();
    urls.iter().enumerate().filter_map(|(i, url)| people.party(read, if named { split[i] } else { "" }, url)).collect()
}

pub(super) fn endorsements_received(read: &mut SourceRead, people: &mut People, part: &str, text: &str) -> bool {
    endorsements(read, people, part, text, "ENDORSER")
}

pub(super) fn endorsements_given(read: &mut SourceRead, people: &mut People, part: &str, text: &str) -> bool {
    endorsements(read, people, part, text, "ENDORSEE")
}

/// An endorsement is a public gesture: a touch that is not a conversation.
fn endorsements(read: &mut SourceRead, people: &mut People, part: &str, text: &str, who: &str) -> bool {
    let first = format!("{who} FIRST NAME");
    let Some(rows) = Rows::read(read, part, text, &["ENDORSEMENT DATE", &first]) else { return false };
    let c = |name: &str| rows.column(name);
    let (date, skill, first, last, url) =
        (c("ENDORSEMENT DATE"), c("SKILL NAME"), c(&first), c(&format!("{who} LAST NAME")), c(&format!("{who} PUBLIC URL")));
    let received = who == "ENDORSER";
    for (line, row) in &rows.rows {
        let Some(at) = instant(field(row, date)) else {
            read.problem(part, Some(*line), format!("\"{}\" is not a date LinkedIn writes.", field(row, date)));
            continue;
        };
        let name = join_name(&[field(row, first), field(row, last)]);
        let Some(other) = people.party(read, &name, field(row, url)) else { continue };
        let words = format!("Endorsement: {}", field(row, skill));
        push_public(read, other, received, at, "endorsement", words, false);
    }
    true
}

pub(super) fn recommendations_received(read: &mut SourceRead, people: &mut People, part: &str, text: &str) -> bool {
    recommendations(read, people, part, text, true)
}

pub(super) fn recommendations_given(read: &mut SourceRead, people: &mut People, part: &str, text: &str) -> bool {
    recommendations(read, people, part, text, false)
}

/// A recommendation is written for one person: it counts as a personal message.
fn recommendations(read: &mut SourceRead, people: &mut People, part: &str, text: &str, received: bool) -> bool {
    let Some(rows) = Rows::read(read, part, text, &["FIRST NAME", "LAST NAME", "CREATION DATE"]) else { return false };
    let c = |name| rows.column(name);
    let (first, last, company, job, words, date, status) =
        (c("FIRST NAME"), c("LAST NAME"), c("COMPANY"), c("JOB TITLE"), c("TEXT"), c("CREATION DATE"), c("STATUS"));
    for (line, row) in &rows.rows {
        if field(row, status).eq_ignore_ascii_case("PENDING") {
            continue;
        }
        let Some(at) = instant(field(row, date)) else {
            read.problem(part, Some(*line), format!("\"{}\" is not a date LinkedIn writes.", field(row, date)));
            continue;
        };
        let name = join_name(&[field(row, first), field(row, last)]);
        let Some(other) = people.party(read, &name, "") else { continue };
        let party = &mut read.parties[other];
        if party.company.is_empty() {
            party.company = field(row, company).to_owned();
            party.title = field(row, job).to_owned();
        }
        push_public(read, other, received, at, "recommendation", field(row, words).to_owned(), true);
    }
    true
}

/// A public touch with one person: by them (`received`) or by the user, who is not a
/// party of these files, so the sender of what the user gave is left unsaid.
fn push_public(read: &mut SourceRead, other: usize, received: bool, at: i64, kind: &str, text: String, personal: bool) {
    let key = format!("{kind}:{}", read.parties[other].key);
    let thread = read.thread(&key, "");
    read.join(thread, other);
    read.messages.push(Message {
        id: stable_id(&[&key, &at.to_string(), if received { "in" } else { "out" }]),
        thread,
        sender: received.then_some(other),
        to: if received { Vec::new() } else { vec![other] },
        at,
        channel: Channel::PublicPost,
        personal: Some(personal),
        text,
    });
}
