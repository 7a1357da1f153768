//! LinkedIn's "Get a copy of your data": messages (both header generations),
//! invitations, connections, endorsements and recommendations, each found by its file
//! name and its header, wherever the zip or folder keeps it.

mod csv_rows;
mod files;

use std::collections::HashMap;

use super::files::Archive;
use super::model::{ArchiveSource, SourceRead};
use crate::storage::error::Result;

pub(super) fn read(archive: &Archive) -> Result<Option<SourceRead>> {
    let mut read = SourceRead::new(ArchiveSource::Linkedin);
    let mut people = People::default();
    // Files with profile addresses first, so name-only rows (recommendations, the old
    // messages format) can find the person those gave.
    let order: [(&[&str], files::Reader); 7] = [
        (&["Connections.csv"], files::connections),
        (&["Invitations.csv"], files::invitations),
        (&["messages.csv"], files::messages),
        (&["Endorsement_Received_Info.csv"], files::endorsements_received),
        (&["Endorsement_Given_Info.csv"], files::endorsements_given),
        (&["Recommendations_Received.csv", "Recommendations Received.csv"], files::recommendations_received),
        (&["Recommendations_Given.csv", "Recommendations Given.csv"], files::recommendations_given),
    ];
    for (names, reader) in order {
        for name in names {
            for part in archive.named(name) {
                let text = match archive.text(part) {
                    Ok(text) => text,
                    Err(e) => {
                        read.problem(&part.path, None, e.to_string());
                        continue;
                    }
                };
                if reader(&mut read, &mut people, &part.path, &text) {
                    read.parts.push(part.path.clone());
                }
            }
        }
    }
    if read.parts.is_empty() {
        return Ok(None);
    }
    people.settle_self(&mut read);
    Ok(Some(read))
}

/// What the files say about who is who, gathered as they are read.
#[derive(Default)]
pub(super) struct People {
    /// Parties with a profile address, by their plain name, for name-only rows.
    by_name: HashMap<String, Vec<usize>>,
    /// The user's profile, from the invitations they sent.
    self_url: Option<String>,
    /// The user's name, from the old messages format's OUTGOING rows.
    self_name: Option<String>,
    /// How many message rows each party is in: the user is in all of them.
    rows_with: HashMap<usize, usize>,
    /// Parties by the profile address as a row wrote it: most rows repeat a few people.
    by_url: HashMap<String, usize>,
}

impl People {
    /// Puts the parties in every row first in `selves`: the invitations' sender when
    /// known, then the party in the most message rows.
    fn settle_self(&self, read: &mut SourceRead) {
        let mut selves = Vec::new();
        if let Some(url) = &self.self_url {
            selves.extend(read.parties.iter().position(|p| p.key == *url));
        }
        if let Some(name) = &self.self_name {
            selves.extend(read.parties.iter().position(|p| p.name == *name));
        }
        let mut counts: Vec<(usize, usize)> = self.rows_with.iter().map(|(&p, &n)| (p, n)).collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        selves.extend(counts.into_iter().take(3).map(|(p, _)| p));
        let mut seen = Vec::new();
        selves.retain(|p| {
            let new = !seen.contains(p);
            seen.push(*p);
            new
        });
        read.selves = selves;
    }
}
