//! WhatsApp's "Export chat": one `.txt` per chat. Android names it
//! `WhatsApp Chat with <Name>.txt` (localised); iOS zips it as `_chat.txt` inside
//! `WhatsApp Chat - <Name>.zip`. Files are found by name and by their first lines'
//! shape, so a renamed or localised export still reads; each chat becomes a thread.
//!
//! A thread's key is the chat's name as the export gives it (`Ana` of `WhatsApp Chat
//! with Ana.txt`, of the folder or zip holding `_chat.txt`, or a renamed file's own
//! name): the one thing that stays the same from one export of a chat to the next.

mod body;
mod lines;
mod when;

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDateTime, Timelike};
use chrono_tz::Tz;

use super::files::{Archive, Part};
use super::model::{ArchiveSource, Message, SourceRead};
use crate::people::handles::NewHandle;
use crate::storage::error::Result;
use crate::vocab::{Channel, HandlePlatform};
use body::Said;
use lines::Header;

/// Problems listed one by one per file; past this, one line says how many more.
const MAX_PROBLEMS: usize = 20;

/// Reads every chat, its wall-clock times taken in `tz` (the zone of the phone that
/// exported it, which the file does not say).
pub fn read_in(archive: &Archive, tz: Tz) -> Result<Option<SourceRead>> {
    let mut out = SourceRead::new(ArchiveSource::Whatsapp);
    let mut ids = HashSet::new();
    for part in archive.parts() {
        let Some(found) = chat_name(archive, part) else { continue };
        let named = found.named;
        let Some((text, lossy)) = load(archive, part, named, &mut out) else { continue };
        match scan(&text, part, found) {
            // Some other text file: leave no trace of having looked.
            Some(chat) if !chat.named && chat.messages.is_empty() => {}
            Some(mut chat) => {
                out.parts.push(part.path.clone());
                if lossy {
                    let reason = format!("{} is not all UTF-8 text; unreadable characters are shown as \u{FFFD}.", part.path);
                    out.problem(&part.path, None, reason);
                }
                for (line, reason) in std::mem::take(&mut chat.problems) {
                    out.problem(&part.path, line, reason);
                }
                commit(chat, tz, &mut ids, &mut out);
            }
            None if named => {
                out.parts.push(part.path.clone());
                out.problem(&part.path, None, format!("{} holds no WhatsApp messages.", part.path));
            }
            None => {}
        }
    }
    if out.parts.is_empty() {
        return Ok(None);
    }
    // WhatsApp marks no one as the user: whoever is in every chat is the best guess,
    // in the order they first appear; the preview lets the user choose.
    let mut threads_in = vec![0usize; out.parties.len()];
    for t in &out.threads {
        for &p in &t.participants {
            threads_in[p] += 1;
        }
    }
    let every = out.threads.len();
    out.selves = (0..out.parties.len()).filter(|&p| every > 0 && threads_in[p] == every).collect();
    Ok(Some(out))
}

/// How a part is named.
struct Found {
    /// WhatsApp's own name for an export (`_chat.txt`, `WhatsApp Chat with …`): read
    /// even when its lines are not a chat's, so the problem shows.
    named: bool,
    /// The chat's name, if the part or its folder gives one.
    name: Option<String>,
    /// The name is the other person's, as in `WhatsApp Chat with Ana.txt`.
    person: bool,
}

/// `None` when the part cannot be a chat.
fn chat_name(archive: &Archive, part: &Part) -> Option<Found> {
    let file = part.name();
    let stem = file.len().checked_sub(4).and_then(|cut| file.get(..cut).filter(|_| file[cut..].eq_ignore_ascii_case(".txt")))?;
    if file.starts_with("._") || part.path.starts_with("__MACOSX/") {
        return None;
    }
    if stem.eq_ignore_ascii_case("_chat") {
        // iOS: the chat is named by the zip or folder holding it.
        let holder = part.path.rsplit('/').nth(1).unwrap_or(&archive.name);
        let holder = holder.strip_suffix(".zip").unwrap_or(holder);
        if let Some(name) = strip_known(holder) {
            return Some(Found { named: true, name: Some(name), person: true });
        }
        let name = (!holder.eq_ignore_ascii_case("_chat.txt")).then(|| holder.to_owned());
        return Some(Found { named: true, name, person: false });
    }
    let stem = without_copy_number(stem);
    Some(match strip_known(stem) {
        Some(name) => Found { named: true, name: Some(name), person: true },
        None => Found { named: false, name: Some(stem.to_owned()), person: false },
    })
}

/// What follows "WhatsApp Chat with " in an export's name. English, Czech and Russian
/// are seen in fixtures (starkdmi/whats_json); the others follow WhatsApp's wording.
fn strip_known(stem: &str) -> Option<String> {
    const PREFIXES: &[&str] = &[
        "WhatsApp Chat with ",
        "WhatsApp Chat - ",
        "WhatsApp Chat mit ",
        "Chat de WhatsApp con ",
        "Discussion WhatsApp avec ",
        "Conversa do WhatsApp com ",
        "Chat WhatsApp con ",
        "WhatsApp-chat met ",
        "Chat WhatsApp s uživatelem ",
        "Чат WhatsApp с контактом ",
        "Чат WhatsApp с ",
    ];
    let stem = without_copy_number(stem);
    let name = PREFIXES.iter().find_map(|p| stem.strip_prefix(p))?.trim();
    (!name.is_empty()).then(|| name.to_owned())
}

/// "Ana (1)" as a browser saves a second download: the same chat.
fn without_copy_number(stem: &str) -> &str {
    if let Some(open) = stem.strip_suffix(')').and_then(|s| s.rfind(" (")) {
        if stem[open + 2..stem.len() - 1].chars().all(|c| c.is_ascii_digit()) && open + 3 < stem.len() {
            return &stem[..open];
        }
    }
    stem
}

/// The part's text, and whether some of it was not UTF-8. A chat named as one that
/// cannot be read is a problem; any other `.txt` that cannot be read is not a chat.
fn load(archive: &Archive, part: &Part, named: bool, out: &mut SourceRead) -> Option<(String, bool)> {
    let bytes = match archive.bytes(part) {
        Ok(bytes) => bytes,
        Err(e) => {
            if named {
                out.parts.push(part.path.clone());
                out.problem(&part.path, None, e.to_string());
            }
            return None;
        }
    };
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    let reason = match crate::transfer::import::file::text_of(&part.path, &bytes) {
        Ok(text) => return Some((text, false)),
        // One bad byte should not cost a chat of years: read the rest, and say so.
        Err(_) if !utf16 && !bytes.contains(&0) && !bytes.iter().all(u8::is_ascii_whitespace) => {
            return Some((String::from_utf8_lossy(&bytes).replace("\r\n", "\n"), true));
        }
        Err(_) if bytes.iter().all(u8::is_ascii_whitespace) => format!("{} is empty.", part.path),
        Err(_) => format!("{} is not a text file, so not a WhatsApp chat.", part.path),
    };
    if named {
        out.parts.push(part.path.clone());
        out.problem(&part.path, None, reason);
    }
    None
}

/// One message's lines: its header and the index of its last line.
struct Entry<'a> {
    line: usize,
    head: Header<'a>,
    last: usize,
}

/// A message read from a chat, before it joins the read.
struct Pending {
    local: NaiveDateTime,
    sender: String,
    channel: Channel,
    text: String,
    /// What the id hashes: the first line as written.
    said: String,
}

/// One chat file, read.
struct Chat {
    key: String,
    named: bool,
    person: bool,
    messages: Vec<Pending>,
    problems: Vec<(Option<usize>, String)>,
}

/// Reads one chat file; `None` when no line has a WhatsApp header (for a file not
/// named as a chat, when its first line has none).
fn scan(text: &str, part: &Part, found: Found) -> Option<Chat> {
    let lines: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let mut problems = Problems { part: &part.path, list: Vec::new(), more: 0 };
    let mut entries: Vec<Entry<'_>> = Vec::new();
    let mut shape = None;
    for (i, line) in lines.iter().enumerate() {
        match lines::header(line).filter(|h| shape.is_none_or(|s| s == h.shape)) {
            Some(head) => {
                shape = Some(head.shape);
                entries.push(Entry { line: i, head, last: i });
            }
            None if i + 1 == lines.len() && !line.is_empty() && lines::starts_like_header(line) => {
                problems.add(Some(i + 1), "the last line is cut short; it was left out.".to_owned());
            }
            None => match entries.last_mut() {
                Some(entry) => entry.last = i,
                None if line.trim().is_empty() => {}
                // Any other text file: its first line must already be a chat's.
                None if !found.named => return None,
                None => problems.add(Some(i + 1), "this line is not a WhatsApp message; it was left out.".to_owned()),
            },
        }
    }
    if entries.is_empty() {
        return None;
    }
    let heads: Vec<Header<'_>> = entries.iter().map(|e| e.head).collect();
    let (order, guessed) = when::settle(&heads);
    if guessed {
        problems.list.insert(0, (None, format!("could not tell day from month in {}; read as day first", part.path)));
    }
    let mut messages = Vec::new();
    for entry in &entries {
        let Some(local) = when::local(&entry.head, order) else {
            let reason = format!("{} is no date or time that exists; the message was left out.", entry.head.stamp);
            problems.add(Some(entry.line + 1), reason);
            continue;
        };
        let Some((sender, first)) = body::split_sender(entry.head.body) else { continue };
        let mut raw = first.to_owned();
        for more in &lines[entry.line + 1..=entry.last] {
            raw.push('\n');
            raw.push_str(more);
        }
        let (channel, text) = match body::classify(&raw) {
            Said::Written(text) => (Channel::DirectMessage, text),
            Said::Media(caption) => (Channel::DirectMessage, caption),
            Said::Call(channel) => (channel, body::unmarked(raw.trim())),
            Said::Nothing => continue,
        };
        messages.push(Pending { local, sender: body::sender_name(sender), channel, text, said: body::unmarked(first) });
    }
    let key = found.name.unwrap_or_else(|| fallback_name(&messages));
    Some(Chat { key, named: found.named, person: found.person, messages, problems: problems.finish() })
}

/// Adds one chat's thread, senders and messages to the read; an id already read (the
/// same chat exported twice) is read once.
fn commit(chat: Chat, tz: Tz, ids: &mut HashSet<u64>, out: &mut SourceRead) {
    let thread = out.thread(&chat.key, &chat.key);
    let mut senders: HashMap<String, usize> = HashMap::new();
    let mut repeats: HashMap<u64, u32> = HashMap::new();
    for m in chat.messages {
        let sender = match senders.get(&m.sender) {
            Some(&p) => p,
            None => {
                let p = party(out, &m.sender);
                out.join(thread, p);
                senders.insert(m.sender, p);
                p
            }
        };
        let id = message_id(&chat.key, m.local, &out.parties[sender].key, &m.said, &mut repeats);
        if ids.insert(id) {
            let at = when::instant(m.local, tz);
            out.messages.push(Message {
                id: format!("{id:016x}"),
                thread,
                sender: Some(sender),
                to: Vec::new(),
                at,
                channel: m.channel,
                personal: None,
                text: m.text,
            });
        }
    }
    // The chat's name is the other person in a 1:1 export, but a group's name in a
    // group's: it joins only where the senders alone cannot make a pair.
    if chat.person && senders.len() < 2 {
        let p = party(out, &chat.key);
        out.join(thread, p);
    }
}

/// A lone `_chat.txt` names no chat: its senders do, in order of first appearance.
fn fallback_name(messages: &[Pending]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for m in messages {
        if !names.contains(&m.sender.as_str()) {
            names.push(&m.sender);
            if names.len() == 5 {
                break;
            }
        }
    }
    if names.is_empty() {
        "WhatsApp chat".to_owned()
    } else {
        names.join(", ")
    }
}

/// A sender by name, or by number where the name is one (`+12 345 578` → `+12345578`).
fn party(out: &mut SourceRead, name: &str) -> usize {
    match body::phone_key(name) {
        Some(key) => {
            let handle = NewHandle { platform: HandlePlatform::Phone, value: key.clone(), url: String::new(), professional: false };
            out.party(&key, name, vec![handle])
        }
        None => out.party(name, name, Vec::new()),
    }
}

/// Stable across exports and Rust versions: FNV-1a of the chat, the wall-clock time,
/// the sender and the first 50 characters. The same line twice in one file (two "ok"
/// in a minute) is told apart by its count; the same file twice gives the same ids.
fn message_id(thread: &str, local: NaiveDateTime, sender: &str, text: &str, repeats: &mut HashMap<u64, u32>) -> u64 {
    let (date, time) = (local.date(), local.time());
    let stamp =
        format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", date.year(), date.month(), date.day(), time.hour(), time.minute(), time.second());
    let head: String = text.trim().chars().take(50).collect();
    let mut hash = fnv1a(FNV_OFFSET, thread.as_bytes());
    for piece in [stamp.as_bytes(), sender.as_bytes(), head.as_bytes()] {
        hash = fnv1a(fnv1a(hash, &[0x1F]), piece);
    }
    let seen = repeats.entry(hash).or_insert(0);
    *seen += 1;
    if *seen > 1 {
        hash = fnv1a(fnv1a(hash, &[0x1F]), seen.to_string().as_bytes());
    }
    hash
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv1a(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// A file's line problems, the first `MAX_PROBLEMS` one by one.
struct Problems<'a> {
    part: &'a str,
    list: Vec<(Option<usize>, String)>,
    more: usize,
}

impl Problems<'_> {
    fn add(&mut self, line: Option<usize>, reason: String) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push((line, reason));
        } else {
            self.more += 1;
        }
    }

    fn finish(mut self) -> Vec<(Option<usize>, String)> {
        self.list.sort_by_key(|(line, _)| line.unwrap_or(0));
        if self.more > 0 {
            self.list.push((None, format!("{} more lines of {} could not be read.", self.more, self.part)));
        }
        self.list
    }
}
