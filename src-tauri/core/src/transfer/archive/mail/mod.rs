//! Mailboxes (.mbox: Gmail Takeout's "All mail Including Spam and Trash.mbox" or one
//! per label, Thunderbird's and Apple Mail's): every personal e-mail becomes a message,
//! read from its headers alone. Spam, trash, lists and robots are left out and counted.

mod mbox;

use std::collections::{HashMap, HashSet};

use mail_parser::{Addr, HeaderName, HeaderValue, MessageParser};

use super::{Archive, ArchiveSource, Message, Part, SourceRead};
use crate::people::handles::NewHandle;
use crate::storage::error::Result;
use crate::vocab::{Channel, HandlePlatform};

/// More recipients than this and a mail is a circular, not a conversation.
const MAX_PERSONAL_RECIPIENTS: usize = 10;

/// Local parts of senders no one answers.
const ROBOTS: &[&str] = &["noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply"];
const ROBOT_NAMES: &[&str] = &["notifications", "notification", "mailer-daemon", "postmaster", "bounce", "bounces"];

pub(super) fn read(archive: &Archive) -> Result<Option<SourceRead>> {
    let parts: Vec<&Part> = archive
        .parts()
        .iter()
        .filter(|p| {
            let name = p.name().to_ascii_lowercase();
            name.ends_with(".mbox") || name == "mbox"
        })
        .collect();
    if parts.is_empty() {
        return Ok(None);
    }
    let mut read = SourceRead::new(ArchiveSource::Mail);
    let mut tally = Tally::default();
    // Only what is read is parsed; other headers stay raw.
    let parser = MessageParser::new()
        .with_address_headers()
        .with_message_ids()
        .with_date_headers()
        .header_text(HeaderName::Subject)
        .header_text(HeaderName::Other("X-Gmail-Labels".into()));
    for part in parts {
        read.parts.push(part.path.clone());
        let (bulk, spam) = (tally.bulk, tally.spam);
        let scanned = archive.with_reader(part, |r| {
            scan(r, &part.path, &parser, &mut read, &mut tally);
            Ok(())
        });
        if let Err(e) = scanned {
            read.problem(&part.path, None, e.to_string());
        } else if tally.seen == 0 {
            read.problem(&part.path, None, "no messages found: an mbox file starts each message with a \"From \" line");
        }
        tally.seen = 0;
        if tally.bulk > bulk {
            read.problem(&part.path, None, format!("{} list or bulk messages left out", thousands(tally.bulk - bulk)));
        }
        if tally.spam > spam {
            read.problem(&part.path, None, format!("{} spam or trash messages left out", thousands(tally.spam - spam)));
        }
    }
    read.selves = tally.selves();
    Ok(Some(read))
}

#[derive(Default)]
struct Tally {
    /// Messages labelled Sent, by sender.
    sent: HashMap<usize, usize>,
    /// Every party's appearances in From, To and Cc.
    named: HashMap<usize, usize>,
    ids: HashSet<String>,
    bulk: usize,
    spam: usize,
    /// Messages seen in the current part, kept or not.
    seen: usize,
}

impl Tally {
    /// Best first: the senders of Sent mail; else whoever is in the most messages.
    fn selves(&self) -> Vec<usize> {
        let ranked = |counts: &HashMap<usize, usize>| {
            let mut all: Vec<(usize, usize)> = counts.iter().map(|(&p, &n)| (p, n)).collect();
            all.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            all.into_iter().map(|(p, _)| p).collect::<Vec<_>>()
        };
        if self.sent.is_empty() {
            ranked(&self.named).into_iter().take(1).collect()
        } else {
            ranked(&self.sent)
        }
    }
}

fn scan(r: &mut dyn std::io::Read, part: &str, parser: &MessageParser, read: &mut SourceRead, tally: &mut Tally) {
    let mut mbox = mbox::Mbox::new(r);
    loop {
        match mbox.next_message() {
            Ok(Some(raw)) => {
                tally.seen += 1;
                message(read, tally, part, parser, &raw);
            }
            Ok(None) => break,
            Err(e) => {
                let reason = format!("the file could not be read past here ({e}); the messages before are read");
                read.problem(part, Some(mbox.line), reason);
                break;
            }
        }
    }
}

fn message(read: &mut SourceRead, tally: &mut Tally, part: &str, parser: &MessageParser, raw: &mbox::Raw) {
    let Some(mail) = parser.parse_headers(&raw.headers) else {
        read.problem(part, Some(raw.line), "this message has no headers (the file may be cut short)");
        return;
    };
    // The line a header is on, for problems; the separator's when it is missing.
    let line_of = |name: &str| {
        mail.headers().iter().find(|h| h.name().eq_ignore_ascii_case(name)).map_or(raw.line, |h| {
            let upto = raw.headers.get(..h.offset_field() as usize).unwrap_or_default();
            raw.line + 1 + upto.iter().filter(|&&b| b == b'\n').count()
        })
    };
    let labels = mail.header("X-Gmail-Labels").and_then(HeaderValue::as_text).map(labels).unwrap_or_default();
    if labels.iter().any(|l| l == "spam" || l == "trash") {
        tally.spam += 1;
        return;
    }
    let Some((from, from_name)) = mail.from().and_then(|a| a.first()).and_then(address) else {
        read.problem(part, Some(line_of("From")), "this message has no From address; it was not read");
        return;
    };
    if bulk(&mail) || robot(&from) {
        tally.bulk += 1;
        return;
    }
    let at = mail.date().filter(|d| d.is_valid() && chrono::NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()).is_some());
    let Some(at) = at.map(mail_parser::DateTime::to_timestamp) else {
        let date = mail.header_raw("Date").map_or_else(|| "none".to_owned(), |d| d.trim().to_owned());
        read.problem(part, Some(line_of("Date")), format!("this message's Date ({date}) is not a date; it was not read"));
        return;
    };
    let subject = mail.subject().unwrap_or("").trim().to_owned();
    let id = match mail.message_id() {
        Some(id) if !id.trim().is_empty() => id.trim().to_owned(),
        _ => format!("mail-{:016x}", fnv(&[&at.to_string(), &from, &subject])),
    };
    if !tally.ids.insert(id.clone()) {
        return; // The same mail under a second label's mbox.
    }
    let root = [mail.references(), mail.in_reply_to()].into_iter().find_map(first_id).unwrap_or_else(|| id.clone());
    let thread = read.thread(&root, mail.thread_name().unwrap_or(&subject));
    let sender = read.party(&from, &from_name, vec![handle(&from)]);
    read.join(thread, sender);
    *tally.named.entry(sender).or_default() += 1;
    if labels.iter().any(|l| l == "sent") {
        *tally.sent.entry(sender).or_default() += 1;
    }
    let mut to = Vec::new();
    for addr in mail.to().into_iter().chain(mail.cc()).flat_map(|a| a.iter()) {
        let Some((key, name)) = address(addr) else { continue };
        let party = read.party(&key, &name, vec![handle(&key)]);
        if !to.contains(&party) {
            to.push(party);
            read.join(thread, party);
            *tally.named.entry(party).or_default() += 1;
        }
    }
    let personal = if to.len() > MAX_PERSONAL_RECIPIENTS { Some(false) } else { None };
    read.messages.push(Message { id, thread, sender: Some(sender), to, at, channel: Channel::Email, personal, text: subject });
}

/// (lower-cased address, display name unless it is the address itself).
fn address(addr: &Addr<'_>) -> Option<(String, String)> {
    let key = addr.address()?.trim().trim_matches(['<', '>']).to_lowercase();
    if !key.contains('@') {
        return None;
    }
    let name = addr.name().unwrap_or("").trim().trim_matches(['"', '\'']).trim();
    let name = if name.eq_ignore_ascii_case(&key) { String::new() } else { name.to_owned() };
    Some((key, name))
}

/// Gmail's labels, a comma-separated list whose names may be quoted.
fn labels(text: &str) -> Vec<String> {
    let (mut out, mut label, mut quoted) = (Vec::new(), String::new(), false);
    for c in text.chars().chain([',']) {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut label).trim().to_lowercase()),
            c => label.push(c),
        }
    }
    out.retain(|l| !l.is_empty());
    out
}

/// Mailing lists and bulk senders say so in their headers.
fn bulk(mail: &mail_parser::Message<'_>) -> bool {
    let precedence = mail.header_raw("Precedence").unwrap_or("").trim().to_ascii_lowercase();
    let auto = mail.header_raw("Auto-Submitted").map(|v| v.trim().to_ascii_lowercase());
    mail.header(HeaderName::ListId).is_some()
        || mail.header(HeaderName::ListUnsubscribe).is_some()
        || matches!(precedence.as_str(), "bulk" | "list" | "junk")
        || auto.is_some_and(|v| !v.is_empty() && v != "no")
}

fn robot(address: &str) -> bool {
    let local = address.split('@').next().unwrap_or("");
    ROBOTS.iter().any(|r| local.starts_with(r)) || ROBOT_NAMES.contains(&local)
}

/// The first id of References (the thread's root) or In-Reply-To.
fn first_id(value: &HeaderValue<'_>) -> Option<String> {
    let id = match value {
        HeaderValue::Text(t) => t.as_ref(),
        HeaderValue::TextList(list) => list.first()?.as_ref(),
        _ => return None,
    };
    let id = id.trim();
    (!id.is_empty()).then(|| id.to_owned())
}

fn handle(address: &str) -> NewHandle {
    NewHandle { platform: HandlePlatform::Email, value: address.to_owned(), url: String::new(), professional: true }
}

/// FNV-1a: a hash that stays the same from one build to the next, for ids.
fn fnv(fields: &[&str]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for byte in fields.iter().flat_map(|f| f.bytes().chain([0])) {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// 1234567 as "1,234,567".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
