//! Where Meta puts things: which parts are conversations, which encrypted chats, and
//! whose export (Facebook's or Instagram's) a `messages/` folder belongs to.

use std::collections::HashMap;

use crate::transfer::archive::files::{Archive, Part};
use crate::transfer::archive::model::ArchiveSource;

/// The folders conversations sit in; the last two hold what the user never accepted.
const SECTIONS: &[&str] = &["inbox", "archived_threads", "e2ee_cutover", "filtered_threads", "message_requests"];
const SPAM: &[&str] = &["filtered_threads", "message_requests"];

/// What an older export (no activity folder) holds beside `messages/` when it is
/// Instagram's; without any of these it is Facebook's.
const INSTAGRAM_MARKS: &[&str] = &[
    "your_instagram_activity/",
    "personal_information/personal_information",
    "account_information/personal_information.json",
    "followers_and_following/",
    "connections/followers_and_following/",
];

/// One conversation folder and its numbered parts.
pub(super) struct Folder<'a> {
    pub key: &'a str,
    pub spam: bool,
    pub parts: Vec<(u32, &'a Part)>,
}

pub(super) enum What<'a> {
    /// `…/messages/<section>/<folder>/message_<n>.json`
    Thread { dir: &'a str, folder: Folder<'a> },
    /// A `.json` right in `messages/`: an encrypted chat, or a settings file.
    Chat,
}

/// Where a part sits in Meta's layout, and whose export that is.
pub(super) fn place<'a>(
    archive: &'a Archive,
    part: &'a Part,
    roots: &mut HashMap<&'a str, ArchiveSource>,
) -> Option<(ArchiveSource, What<'a>)> {
    let path = part.path.as_str();
    let segs: Vec<&str> = path.split('/').collect();
    let n = segs.len();
    let file = *segs.last()?;
    let (at, what) = if n >= 4 && is(segs[n - 4], "messages") && is_any(segs[n - 3], SECTIONS) {
        let number = part_number(file)?;
        let dir = &path[..path.len() - file.len() - 1];
        let folder = Folder { key: segs[n - 2], spam: is_any(segs[n - 3], SPAM), parts: vec![(number, part)] };
        (n - 4, What::Thread { dir, folder })
    } else if n >= 2 && is(segs[n - 2], "messages") && file.to_ascii_lowercase().ends_with(".json") {
        (n - 2, What::Chat)
    } else {
        return None;
    };
    let named = at.checked_sub(1).and_then(|i| match segs[i].to_ascii_lowercase().as_str() {
        "your_instagram_activity" => Some(ArchiveSource::Instagram),
        "your_facebook_activity" | "your_activity_across_facebook" => Some(ArchiveSource::Facebook),
        _ => None,
    });
    if let Some(source) = named {
        return Some((source, what));
    }
    let root = &path[..segs[..at].iter().map(|s| s.len() + 1).sum::<usize>()];
    let source = *roots.entry(root).or_insert_with(|| {
        let instagram = archive
            .parts()
            .iter()
            .filter_map(|p| p.path.strip_prefix(root))
            .any(|rest| INSTAGRAM_MARKS.iter().any(|m| rest.get(..m.len()).is_some_and(|head| head.eq_ignore_ascii_case(m))));
        if instagram {
            ArchiveSource::Instagram
        } else {
            ArchiveSource::Facebook
        }
    });
    Some((source, what))
}

fn is(seg: &str, name: &str) -> bool {
    seg.eq_ignore_ascii_case(name)
}

pub(super) fn is_any(seg: &str, names: &[&str]) -> bool {
    names.iter().any(|n| is(seg, n))
}

/// `message_12.json` → 12.
fn part_number(file: &str) -> Option<u32> {
    let lower = file.to_ascii_lowercase();
    lower.strip_prefix("message_")?.strip_suffix(".json")?.parse().ok()
}

/// An encrypted chat's file name, `<Name>_<N>.json`: a broken one is worth a problem,
/// a broken settings file beside it is not ours to report.
pub(super) fn chat_name(file: &str) -> bool {
    let stem = file.get(..file.len().saturating_sub(5)).unwrap_or_default();
    stem.rsplit_once('_').is_some_and(|(name, n)| !name.is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The part files a folder lacks below its highest, at most three named.
pub(super) fn missing(numbers: impl Iterator<Item = u32>) -> Vec<String> {
    let mut names = Vec::new();
    let mut next = 1u32;
    let mut more = 0u64;
    for n in numbers {
        if n > next {
            for k in next..n {
                if names.len() == 3 {
                    more += u64::from(n - k);
                    break;
                }
                names.push(format!("message_{k}.json"));
            }
        }
        next = next.max(n.saturating_add(1));
    }
    if more > 0 {
        names.push(format!("{more} more"));
    }
    names
}
