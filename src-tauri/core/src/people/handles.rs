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

/// Gives a person exactly `handles`: one they had already (same platform and value) is
/// kept as it is, with its id on every device, so an edit of their name alone changes
/// no handle; the rest go, and the new ones come.
pub(crate) fn replace_handles(tx: &Connection, person_id: i64, handles: &[NewHandle], now: i64) -> Result<()> {
    let mut kept: Vec<i64> = Vec::new();
    let mut new = Vec::new();
    for h in handles {
        let found: Option<i64> = tx
            .prepare_cached("SELECT id FROM handle WHERE person_id = ?1 AND platform = ?2 AND value = ?3 ORDER BY id")?
            .query_map(params![person_id, h.platform, h.value], |r| r.get(0))?
            .filter_map(std::result::Result::ok)
            .find(|id| !kept.contains(id));
        match found {
            Some(id) => {
                tx.prepare_cached(
                    "UPDATE handle SET url = ?2, professional = ?3 WHERE id = ?1 AND (url IS NOT ?2 OR professional IS NOT ?3)",
                )?
                .execute(params![id, h.url, h.professional])?;
                kept.push(id);
            }
            None => new.push(h.clone()),
        }
    }
    let kept_json = serde_json::to_string(&kept).unwrap_or_else(|_| "[]".into());
    tx.prepare_cached("DELETE FROM handle WHERE person_id = ?1 AND id NOT IN (SELECT value FROM json_each(?2))")?
        .execute(params![person_id, kept_json])?;
    insert_handles(tx, person_id, &new, now)
}

pub(crate) fn handle_from_row(row: &Row<'_>) -> rusqlite::Result<Handle> {
    let (platform, value, url): (HandlePlatform, String, String) = (row.get(1)?, row.get(2)?, row.get(3)?);
    Ok(Handle { id: row.get(0)?, link: Handle::link(platform, &value, &url), platform, value, url, professional: row.get(4)? })
}
