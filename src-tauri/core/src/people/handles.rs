//! Handles: a person's accounts, and the link each one opens.

use crate::storage::uid::new_uid;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::storage::diary::Diary;
use crate::storage::error::{Error, Result};
use crate::vocab::HandlePlatform;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handle {
    pub id: i64,
    pub platform: HandlePlatform,
    pub value: String,
    pub url: String,
    pub professional: bool,
    /// What opening the handle opens: its URL, or one made from the handle
    /// (a profile page, `mailto:`, `tel:`). `None` when nothing safe can be made.
    pub link: Option<String>,
}

impl Handle {
    pub(crate) fn link(platform: HandlePlatform, value: &str, url: &str) -> Option<String> {
        let web = |url: &str| (url.starts_with("https://") || url.starts_with("http://")).then(|| url.to_owned());
        if let Some(url) = web(url) {
            return Some(url);
        }
        let name = value.trim_start_matches('@');
        let plain = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
        let profile = |base: &str| plain.then(|| format!("{base}{name}"));
        match platform {
            HandlePlatform::X => profile("https://x.com/"),
            HandlePlatform::Linkedin => web(value).or_else(|| profile("https://www.linkedin.com/in/")),
            HandlePlatform::Facebook => web(value).or_else(|| profile("https://www.facebook.com/")),
            HandlePlatform::Instagram => web(value).or_else(|| profile("https://www.instagram.com/")),
            HandlePlatform::Email => {
                let ok = value.contains('@') && !value.chars().any(|c| c.is_whitespace() || "<>\"?&".contains(c));
                ok.then(|| format!("mailto:{value}"))
            }
            HandlePlatform::Phone => {
                let digits: String = value.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
                (digits.chars().filter(char::is_ascii_digit).count() >= 3).then(|| format!("tel:{digits}"))
            }
            HandlePlatform::Website => web(value).or_else(|| {
                let host = value.split('/').next().unwrap_or_default();
                (host.contains('.') && !value.chars().any(char::is_whitespace)).then(|| format!("https://{value}"))
            }),
            HandlePlatform::Other => web(value),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewHandle {
    pub platform: HandlePlatform,
    pub value: String,
    #[serde(default)]
    pub url: String,
    #[serde(default = "yes")]
    pub professional: bool,
}

fn yes() -> bool {
    true
}

impl Diary {
    /// The link a handle opens, for the shell to hand to the OS.
    pub fn handle_link(&self, handle_id: i64) -> Result<String> {
        let handle = self
            .conn
            .query_row("SELECT id, platform, value, url, professional FROM handle WHERE id = ?1", [handle_id], handle_from_row)
            .optional()?
            .ok_or_else(|| Error::not_found(format!("Handle {handle_id}")))?;
        handle.link.ok_or_else(|| Error::invalid("handle", format!("{:?} has no link to open; add its URL.", handle.value)))
    }
}

pub(crate) fn insert_handles(tx: &Connection, person_id: i64, handles: &[NewHandle], now: i64) -> Result<()> {
    let mut insert = tx.prepare_cached(concat!(
        "INSERT INTO handle (person_id, platform, value, url, professional, created_at, uid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ",
        new_uid!(),
        ")"
    ))?;
    for h in handles {
        insert.execute(params![person_id, h.platform, h.value, h.url, h.professional, now])?;
    }
    Ok(())
}

pub(crate) fn handle_from_row(row: &Row<'_>) -> rusqlite::Result<Handle> {
    let (platform, value, url): (HandlePlatform, String, String) = (row.get(1)?, row.get(2)?, row.get(3)?);
    Ok(Handle { id: row.get(0)?, link: Handle::link(platform, &value, &url), platform, value, url, professional: row.get(4)? })
}
