//! What a source reads from an archive, before it meets the diary: the people it
//! names, its threads, and its messages, calls and meetings. Nothing here knows who
//! the user is; the grain (grain.rs) decides that once the user is settled.

use std::collections::HashMap;

use crate::people::handles::NewHandle;
use crate::vocab::{Channel, HandlePlatform};

/// The platform (or kind of file) an archive's part comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArchiveSource {
    Linkedin,
    X,
    Facebook,
    Instagram,
    Whatsapp,
    Calendar,
    Mail,
}

impl ArchiveSource {
    pub const ALL: &'static [ArchiveSource] = &[
        ArchiveSource::Linkedin,
        ArchiveSource::X,
        ArchiveSource::Facebook,
        ArchiveSource::Instagram,
        ArchiveSource::Whatsapp,
        ArchiveSource::Calendar,
        ArchiveSource::Mail,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ArchiveSource::Linkedin => "linkedin",
            ArchiveSource::X => "x",
            ArchiveSource::Facebook => "facebook",
            ArchiveSource::Instagram => "instagram",
            ArchiveSource::Whatsapp => "whatsapp",
            ArchiveSource::Calendar => "calendar",
            ArchiveSource::Mail => "mail",
        }
    }

    pub fn parse(text: &str) -> Option<ArchiveSource> {
        ArchiveSource::ALL.iter().copied().find(|s| s.as_str() == text)
    }

    /// "LinkedIn", "X", "WhatsApp": how the window names it.
    pub fn label(self) -> &'static str {
        match self {
            ArchiveSource::Linkedin => "LinkedIn",
            ArchiveSource::X => "X",
            ArchiveSource::Facebook => "Facebook Messenger",
            ArchiveSource::Instagram => "Instagram",
            ArchiveSource::Whatsapp => "WhatsApp",
            ArchiveSource::Calendar => "Calendar",
            ArchiveSource::Mail => "Mail",
        }
    }

    /// The platform its touches are on, where it is one.
    pub fn platform(self) -> Option<HandlePlatform> {
        match self {
            ArchiveSource::Linkedin => Some(HandlePlatform::Linkedin),
            ArchiveSource::X => Some(HandlePlatform::X),
            ArchiveSource::Facebook => Some(HandlePlatform::Facebook),
            ArchiveSource::Instagram => Some(HandlePlatform::Instagram),
            // WhatsApp is a phone's app, not a platform whose time is budgeted.
            ArchiveSource::Whatsapp | ArchiveSource::Calendar | ArchiveSource::Mail => None,
        }
    }
}

/// Someone an archive names: a correspondent, an attendee, or the user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Party {
    /// What the source knows them by, stable from one export to the next: a profile
    /// address, an account id, an e-mail, a phone number, or (where that is all there
    /// is) the display name. Unique within one `SourceRead`.
    pub key: String,
    /// The name to show; for an X id the archive cannot name, "unknown account 12345".
    pub name: String,
    /// What matching looks for in the diary: profile, handle, e-mail, phone.
    pub handles: Vec<NewHandle>,
    pub company: String,
    pub title: String,
    /// When the platform says they became a connection or friend (Unix seconds).
    pub connected_at: Option<i64>,
}

/// A conversation, a calendar event's series, or a mail thread.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Thread {
    /// The source's id for it (LinkedIn CONVERSATION ID, X conversationId, folder name).
    pub key: String,
    pub title: String,
    /// Everyone in it, the user included when the source lists them (indexes into `parties`).
    pub participants: Vec<usize>,
    /// Spam, message requests, trash: left out unless the user asks.
    pub spam: bool,
}

/// One message, call, meeting, invitation or public reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Stable across exports: the source's own id, or a hash of what identifies it
    /// (thread, time, sender, the first 50 characters).
    pub id: String,
    /// Index into `threads`.
    pub thread: usize,
    /// Index into `parties`; `None` is the user, in formats that leave the user's own
    /// entries unsigned (what the user gave in LinkedIn's recommendations file).
    pub sender: Option<usize>,
    /// Who it was to, where the source says so per message (an X DM's recipient, an
    /// e-mail's To); empty means everyone else in the thread.
    pub to: Vec<usize>,
    /// Unix seconds, UTC.
    pub at: i64,
    pub channel: Channel,
    /// Overrides the grain's rule (a 1:1 thread is personal, a group is not): public
    /// replies are not personal, a written recommendation is.
    pub personal: Option<bool>,
    /// The words, kept only when the user asks for them.
    pub text: String,
}

/// A file, line or part that could not be read, and why; the rest still imports.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// The file inside the archive ("messages.csv", "data/direct-messages.js").
    pub part: String,
    /// 1-based line, where there is one.
    pub line: Option<usize>,
    pub reason: String,
}

/// One source's reading of an archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRead {
    pub source: ArchiveSource,
    pub parties: Vec<Party>,
    pub threads: Vec<Thread>,
    pub messages: Vec<Message>,
    /// Who the user is, as found in the files (the account file, the sender of every
    /// "sent" message, the one present in every thread), best first. The user can
    /// pick another party in the preview.
    pub selves: Vec<usize>,
    pub problems: Vec<Problem>,
    /// The parts read, for the preview ("messages.csv, Invitations.csv").
    pub parts: Vec<String>,
    /// `parties` and `threads` by key.
    keys: HashMap<String, usize>,
    thread_keys: HashMap<String, usize>,
}

impl SourceRead {
    pub fn new(source: ArchiveSource) -> SourceRead {
        SourceRead {
            source,
            parties: Vec::new(),
            threads: Vec::new(),
            messages: Vec::new(),
            selves: Vec::new(),
            problems: Vec::new(),
            parts: Vec::new(),
            keys: HashMap::new(),
            thread_keys: HashMap::new(),
        }
    }

    /// The party with this key, added if new; its name and handles are filled in when
    /// they were empty.
    pub fn party(&mut self, key: &str, name: &str, handles: Vec<NewHandle>) -> usize {
        if let Some(&i) = self.keys.get(key) {
            let p = &mut self.parties[i];
            if p.name.is_empty() {
                p.name = name.to_owned();
            }
            for h in handles {
                if !p.handles.iter().any(|x| x.platform == h.platform && x.value.eq_ignore_ascii_case(&h.value)) {
                    p.handles.push(h);
                }
            }
            return i;
        }
        self.parties.push(Party { key: key.to_owned(), name: name.to_owned(), handles, ..Party::default() });
        self.keys.insert(key.to_owned(), self.parties.len() - 1);
        self.parties.len() - 1
    }

    /// The party with this key, if there is one.
    pub fn party_index(&self, key: &str) -> Option<usize> {
        self.keys.get(key).copied()
    }

    /// The thread with this key, added if new.
    pub fn thread(&mut self, key: &str, title: &str) -> usize {
        if let Some(&i) = self.thread_keys.get(key) {
            return i;
        }
        self.threads.push(Thread { key: key.to_owned(), title: title.to_owned(), ..Thread::default() });
        self.thread_keys.insert(key.to_owned(), self.threads.len() - 1);
        self.threads.len() - 1
    }

    /// Adds `party` to the thread's participants once.
    pub fn join(&mut self, thread: usize, party: usize) {
        let t = &mut self.threads[thread];
        if !t.participants.contains(&party) {
            t.participants.push(party);
        }
    }

    pub fn problem(&mut self, part: &str, line: Option<usize>, reason: impl Into<String>) {
        self.problems.push(Problem { part: part.to_owned(), line, reason: reason.into() });
    }
}
