//! Facebook Messenger and Instagram direct messages, from Meta's "Download your
//! information" export in JSON. Both write a conversation as a folder
//! `messages/<section>/<name>_<id>/message_1.json … message_N.json`, under
//! `your_facebook_activity/` or `your_activity_across_facebook/` (Facebook, 2024 on),
//! `your_instagram_activity/` (Instagram), or nothing (older exports of either).
//! Encrypted Messenger chats come as flat `<Name>_<N>.json` files beside the sections.
//!
//! Parts are read one at a time and dropped once their messages are taken, so a large
//! export costs what its messages cost, not what its JSON does.
//!
//! Instagram's folder name is not taken for a handle: in current exports it is a slug
//! of the display name ("marcus_6121…" for Marcus, whose username is marcus_penrose),
//! so only the owner, from `personal_information.json`, gets one.

mod json;
mod layout;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use serde::Deserialize;

use super::files::{Archive, Part};
use super::model::{ArchiveSource, Message, SourceRead};
use crate::people::handles::NewHandle;
use crate::storage::error::Result;
use crate::vocab::{Channel, HandlePlatform};
use json::repair;
use layout::{chat_name, is_any, missing, place, Folder, What};

pub(super) fn read_facebook(archive: &Archive) -> Result<Option<SourceRead>> {
    Ok(read(archive, ArchiveSource::Facebook))
}

pub(super) fn read_instagram(archive: &Archive) -> Result<Option<SourceRead>> {
    Ok(read(archive, ArchiveSource::Instagram))
}

fn read(archive: &Archive, source: ArchiveSource) -> Option<SourceRead> {
    let mut roots = HashMap::new();
    let mut folders: BTreeMap<&str, Folder<'_>> = BTreeMap::new();
    let mut chats = Vec::new();
    for part in archive.parts() {
        match place(archive, part, &mut roots) {
            Some((s, What::Thread { dir, folder })) if s == source => {
                folders.entry(dir).or_insert(Folder { parts: Vec::new(), ..folder }).parts.extend(folder.parts);
            }
            Some((ArchiveSource::Facebook, What::Chat)) if source == ArchiveSource::Facebook => chats.push(part),
            _ => {}
        }
    }
    let friend_lists: Vec<&Part> = match source {
        ArchiveSource::Facebook => archive.parts().iter().filter(|p| is_any(p.name(), &["your_friends.json", "friends.json"])).collect(),
        _ => Vec::new(),
    };
    if folders.is_empty() && chats.is_empty() && friend_lists.is_empty() {
        return None;
    }
    let mut reader = Reader::new(source);
    reader.words = archive.keeps_words();
    reader.owners(archive);
    let folders: Vec<(&str, Folder<'_>)> = folders
        .into_iter()
        .map(|(dir, mut folder)| {
            folder.parts.sort_by_key(|(n, _)| *n);
            (dir, folder)
        })
        .collect();
    reader.threads(archive, &folders);
    for part in chats {
        reader.chat(archive, part);
    }
    for part in friend_lists {
        reader.friends(archive, part);
    }
    reader.found.then(|| reader.finish())
}

struct Reader {
    s: SourceRead,
    /// Party by display name, so a sender costs one lookup per message.
    names: HashMap<String, usize>,
    /// Instagram's owner: display name → username.
    usernames: HashMap<String, String>,
    /// The owner's name as the profile files give it.
    owners: Vec<String>,
    /// Message ids taken: the same message twice (two exports unpacked together) is one.
    seen: HashSet<u64, BuildHasherDefault<IdHasher>>,
    found: bool,
    /// Whether the words are kept: a large export's text is most of its weight.
    words: bool,
}

impl Reader {
    fn new(source: ArchiveSource) -> Reader {
        Reader {
            s: SourceRead::new(source),
            names: HashMap::new(),
            usernames: HashMap::new(),
            owners: Vec::new(),
            seen: HashSet::default(),
            found: false,
            words: false,
        }
    }

    /// One part's bytes, for `parse`; a part that cannot be read is a problem unless
    /// `quiet` (a file that may not be ours at all).
    fn bytes(&mut self, archive: &Archive, part: &Part, quiet: bool) -> Option<Vec<u8>> {
        match archive.bytes(part) {
            Ok(bytes) => Some(bytes),
            Err(e) => {
                if !quiet {
                    self.s.problem(&part.path, None, e.to_string());
                }
                None
            }
        }
    }

    /// A part's bytes as `T`.
    fn parse<'b, T: Deserialize<'b>>(&mut self, part: &Part, bytes: &'b [u8], what: &str, quiet: bool) -> Option<T> {
        match from_json(bytes) {
            Ok(value) => Some(value),
            Err(e) => {
                if !quiet {
                    self.unreadable(part, &e, what);
                }
                None
            }
        }
    }

    /// One part as `T`, read and parsed, for what owns its strings.
    fn part<T: for<'b> Deserialize<'b>>(&mut self, archive: &Archive, part: &Part, what: &str, quiet: bool) -> Option<T> {
        let bytes = self.bytes(archive, part, quiet)?;
        self.parse(part, &bytes, what, quiet)
    }

    fn party(&mut self, name: &str) -> Option<usize> {
        if name.is_empty() {
            return None;
        }
        if let Some(&i) = self.names.get(name) {
            return Some(i);
        }
        let i = match (self.s.source, self.usernames.get(name)) {
            (ArchiveSource::Instagram, Some(user)) => {
                let url = format!("https://www.instagram.com/{user}");
                let handle = NewHandle { platform: HandlePlatform::Instagram, value: user.clone(), url, professional: true };
                self.s.party(user, name, vec![handle])
            }
            (ArchiveSource::Instagram, None) => self.s.party(&format!("ig:{name}"), name, Vec::new()),
            _ => self.s.party(&format!("fb:{name}"), name, Vec::new()),
        };
        self.names.insert(name.to_owned(), i);
        Some(i)
    }

    fn open_thread(&mut self, key: &str, title: &str, spam: bool) -> usize {
        let new = self.s.threads.len();
        let t = self.s.thread(key, title);
        let thread = &mut self.s.threads[t];
        // The same conversation in the inbox and in requests is the inbox's.
        thread.spam = if t == new { spam } else { thread.spam && spam };
        if thread.title.is_empty() {
            thread.title = title.to_owned();
        }
        t
    }

    /// The owner's name (and Instagram username) from the profile files.
    fn owners(&mut self, archive: &Archive) {
        let instagram = self.s.source == ArchiveSource::Instagram;
        let file = if instagram { "personal_information.json" } else { "profile_information.json" };
        for part in archive.named(file) {
            let name = if instagram {
                let Some(info) = self.part::<json::Personal>(archive, part, "an Instagram profile", false) else { continue };
                let Some(user) = info.profile_user.into_iter().next() else { continue };
                let username = user.string_map_data.username.value.trim().trim_start_matches('@').to_owned();
                let name = repair(&user.string_map_data.name.value).into_owned();
                // Without a full name, Instagram shows (and writes) the username.
                let name = if name.is_empty() { username.clone() } else { name };
                if !username.is_empty() {
                    self.usernames.insert(name.clone(), username);
                }
                name
            } else {
                let Some(info) = self.part::<json::Profile>(archive, part, "a Facebook profile", false) else { continue };
                repair(&info.profile_v2.or(info.profile).unwrap_or_default().name.full_name).into_owned()
            };
            if !name.is_empty() {
                self.s.parts.push(part.path.clone());
                self.owners.push(name);
            }
        }
    }

    /// The conversation folders, their parts parsed side by side and merged in order.
    fn threads(&mut self, archive: &Archive, folders: &[(&str, Folder<'_>)]) {
        self.found |= !folders.is_empty();
        let words = self.words;
        let parts = folders.iter().enumerate().flat_map(|(f, (_, folder))| folder.parts.iter().map(move |&(_, part)| (f, part)));
        let mut open: Option<(usize, Said)> = None;
        super::ordered::in_order(
            parts.map(|(f, part)| (f, part, archive.bytes(part))),
            |(f, part, bytes)| (f, part, bytes.map(|b| parse_thread(&b, words))),
            |(f, part, read)| {
                if let Some((at, said)) = open.take_if(|(at, _)| *at != f) {
                    self.close_thread(&folders[at], said);
                }
                let said = &mut open.get_or_insert_with(|| (f, Said::default())).1;
                match read {
                    Ok(Ok(read)) => {
                        self.s.parts.push(part.path.clone());
                        let t = self.open_thread(folders[f].1.key, &read.title, folders[f].1.spam);
                        said.title.clone_from(&self.s.threads[t].title);
                        self.merge(said, t, read);
                    }
                    Ok(Err(e)) => self.unreadable(part, &e, "a conversation"),
                    Err(e) => self.s.problem(&part.path, None, e.to_string()),
                }
            },
        );
        if let Some((at, said)) = open {
            self.close_thread(&folders[at], said);
        }
    }

    /// A conversation's last part taken: what of it is missing, and its messages kept.
    fn close_thread(&mut self, (dir, folder): &(&str, Folder<'_>), said: Said) {
        let missing = missing(folder.parts.iter().map(|(n, _)| *n));
        if !missing.is_empty() {
            let reason = format!(
                "The conversation {} ({}) lacks {}: the archive may be split or cut short. Its other parts were read.",
                if said.title.is_empty() { folder.key } else { &said.title },
                folder.key,
                missing.join(", ")
            );
            self.s.problem(dir, None, reason);
        }
        self.keep(dir, said);
    }

    /// An encrypted chat: one file, camelCase keys, participants as plain names.
    fn chat(&mut self, archive: &Archive, part: &Part) {
        let quiet = !chat_name(part.name());
        let Some(bytes) = self.bytes(archive, part, quiet) else { return };
        let read = match parse_chat(&bytes, self.words) {
            Ok(Some(read)) => read,
            Ok(None) => return,
            Err(e) if !quiet => return self.unreadable(part, &e, "an encrypted chat"),
            Err(_) => return,
        };
        self.found = true;
        self.s.parts.push(part.path.clone());
        let key = part.name().get(..part.name().len().saturating_sub(5)).unwrap_or_default();
        let t = self.open_thread(key, &read.title, false);
        let mut said = Said::default();
        self.merge(&mut said, t, read);
        self.keep(&part.path, said);
    }

    /// A part that is not the JSON it should be: a problem naming it and its line.
    fn unreadable(&mut self, part: &Part, e: &serde_json::Error, what: &str) {
        let line = (e.line() > 0).then_some(e.line());
        let reason = format!("{} is not {what} Rapport can read ({e}); the rest of the archive still imports.", part.name());
        self.s.problem(&part.path, line, reason);
    }

    /// A parsed part into the read: its people as parties of the thread, each sender
    /// looked up once, each message not seen before as a message.
    fn merge(&mut self, said: &mut Said, thread: usize, read: PartRead) {
        for name in &read.participants {
            if let Some(i) = self.party(name) {
                self.s.join(thread, i);
            }
        }
        let from: Vec<Option<usize>> = read.senders.iter().map(|name| self.party(name)).collect();
        for &p in from.iter().flatten() {
            self.s.join(thread, p);
        }
        said.undated += read.undated;
        for line in read.lines {
            if self.seen.insert(line.id) {
                let message = Message {
                    id: hex(line.id),
                    thread,
                    sender: from[line.sender],
                    to: Vec::new(),
                    at: line.ms.div_euclid(1000),
                    channel: line.channel,
                    personal: None,
                    text: line.text,
                };
                said.messages.push((line.ms, message));
            }
        }
    }

    fn friends(&mut self, archive: &Archive, part: &Part) {
        let Some(list) = self.part::<json::Friends>(archive, part, "a friends list", true) else { return };
        let Some(friends) = list.friends_v2.or(list.friends) else { return };
        self.found = true;
        self.s.parts.push(part.path.clone());
        for friend in friends {
            let Some(i) = self.party(&repair(&friend.name)) else { continue };
            if friend.timestamp > 0 {
                let at = &mut self.s.parties[i].connected_at;
                *at = Some(at.map_or(friend.timestamp, |t| t.min(friend.timestamp)));
            }
        }
    }

    /// A conversation's messages, in the order they were sent whatever the parts' order.
    fn keep(&mut self, part: &str, mut said: Said) {
        said.messages.sort_by_key(|(ms, _)| *ms);
        self.s.messages.extend(said.messages.into_iter().map(|(_, m)| m));
        if said.undated > 0 {
            self.s.problem(part, None, format!("{} messages here have no time and were left out.", said.undated));
        }
    }

    /// Who the user is: the profile's name first, then whoever is in every conversation
    /// (when there is more than one), the most prolific first.
    fn finish(mut self) -> SourceRead {
        let mut selves: Vec<usize> = Vec::new();
        for owner in &self.owners {
            if let Some(&i) = self.names.get(owner) {
                if !selves.contains(&i) {
                    selves.push(i);
                }
            }
        }
        let threads = self.s.threads.len();
        if threads > 1 {
            let mut present = vec![0usize; self.s.parties.len()];
            for p in self.s.threads.iter().flat_map(|t| &t.participants) {
                present[*p] += 1;
            }
            let mut sent = vec![0usize; self.s.parties.len()];
            for p in self.s.messages.iter().filter_map(|m| m.sender) {
                sent[p] += 1;
            }
            let mut everywhere: Vec<usize> = (0..present.len()).filter(|&p| present[p] == threads && !selves.contains(&p)).collect();
            everywhere.sort_by_key(|&p| std::cmp::Reverse(sent[p]));
            selves.extend(everywhere);
        }
        self.s.selves = selves;
        // One conversation in two folders (two exports unpacked together) reads in order too.
        self.s.messages.sort_by_key(|m| (m.thread, m.at));
        self.s
    }
}

/// `format!("{id:016x}")` without the formatting machinery, once a message.
fn hex(id: u64) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = vec![0u8; 16];
    for (i, d) in out.iter_mut().enumerate() {
        *d = DIGITS[(id >> (60 - 4 * i)) as usize & 0xF];
    }
    String::from_utf8(out).unwrap_or_default()
}

/// A message id is an FNV hash already: hashing it again (SipHash) costs, and adds nothing.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A conversation's messages as its parts are merged.
#[derive(Default)]
struct Said {
    messages: Vec<(i64, Message)>,
    undated: usize,
    /// Its title, for a problem naming it.
    title: String,
}

/// One part of a conversation as a worker reads it, apart from the read it joins:
/// names repaired, each message classified and given its id, its senders listed once so
/// the merge looks each up once rather than once a message.
#[derive(Default)]
struct PartRead {
    title: String,
    participants: Vec<String>,
    senders: Vec<String>,
    lines: Vec<Line>,
    undated: usize,
}

/// A message that is a touch: `sender` indexes `PartRead::senders`.
struct Line {
    sender: usize,
    ms: i64,
    channel: Channel,
    id: u64,
    text: String,
}

impl PartRead {
    fn new(title: &str, participants: impl Iterator<Item = String>) -> PartRead {
        PartRead { title: repair(title).into_owned(), participants: participants.collect(), ..PartRead::default() }
    }

    fn line(&mut self, sender: &str, ms: i64, text: &str, channel: Channel, words: bool) {
        if ms <= 0 {
            self.undated += 1;
            return;
        }
        let id = json::message_id(sender, ms, text);
        let sender = match self.senders.iter().position(|s| s == sender) {
            Some(i) => i,
            None => {
                self.senders.push(sender.to_owned());
                self.senders.len() - 1
            }
        };
        self.lines.push(Line { sender, ms, channel, id, text: if words { text.to_owned() } else { String::new() } });
    }
}

/// JSON as Meta writes it, with or without a byte-order mark.
fn from_json<'b, T: Deserialize<'b>>(bytes: &'b [u8]) -> serde_json::Result<T> {
    serde_json::from_slice(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
}

/// One `message_N.json` part.
fn parse_thread(bytes: &[u8], words: bool) -> serde_json::Result<PartRead> {
    let body: json::ThreadPart<'_> = from_json(bytes)?;
    let mut read = PartRead::new(&body.title, body.participants.iter().map(|p| repair(&p.name).into_owned()));
    for m in body.messages.iter().filter(|m| !m.is_unsent) {
        let (sender, text) = (repair(&m.sender_name), repair(&m.content));
        if let Some(channel) = json::channel(&m.kind, m.call_duration, m.missed, &text, &sender) {
            read.line(&sender, m.timestamp_ms, &text, channel, words);
        }
    }
    Ok(read)
}

/// An encrypted chat file; `None` for a settings file beside them (no participants
/// or no messages).
fn parse_chat(bytes: &[u8], words: bool) -> serde_json::Result<Option<PartRead>> {
    let chat: json::Chat<'_> = from_json(bytes)?;
    let (Some(participants), Some(messages)) = (chat.participants, chat.messages) else { return Ok(None) };
    let mut read = PartRead::new(&chat.thread_name, participants.iter().map(|name| repair(name).into_owned()));
    for m in messages.iter().filter(|m| !m.is_unsent) {
        let (sender, text) = (repair(&m.sender_name), repair(&m.text));
        if let Some(channel) = json::channel(&m.kind, None, false, &text, &sender) {
            read.line(&sender, m.timestamp, &text, channel, words);
        }
    }
    Ok(Some(read))
}
