//! People as vCard 4.0 (RFC 6350), which address books and phones import: handles as
//! EMAIL, TEL, URL and X-SOCIALPROFILE, tags as CATEGORIES, the birthday as BDAY and an
//! anniversary as ANNIVERSARY (vCard has no place for other dates; the calendar and JSON
//! exports have them all).

use std::fmt::Write;

use crate::people::dates::ImportantDate;
use crate::storage::diary::Diary;
use crate::storage::error::Result;
use crate::vocab::{DateKind, HandlePlatform};

impl Diary {
    /// Everyone not archived or merged, by name, one card each.
    pub fn export_vcard(&self) -> Result<String> {
        let ids: Vec<i64> = self
            .conn
            .prepare("SELECT id FROM person WHERE archived_at IS NULL AND merged_into IS NULL ORDER BY display_name COLLATE NOCASE, id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = String::new();
        for id in ids {
            let p = self.person(id)?;
            let mut card = vec!["BEGIN:VCARD".to_owned(), "VERSION:4.0".to_owned()];
            card.push(format!("UID:urn:rapport:person:{}", p.id));
            card.push(format!("FN:{}", escape(&p.display_name)));
            if !p.company.is_empty() {
                card.push(format!("ORG:{}", escape(&p.company)));
            }
            if !p.title.is_empty() {
                card.push(format!("TITLE:{}", escape(&p.title)));
            }
            for h in &p.handles {
                let kind = if h.professional { "work" } else { "home" };
                let value = escape(&h.value);
                card.push(match h.platform {
                    HandlePlatform::Email => format!("EMAIL;TYPE={kind}:{value}"),
                    HandlePlatform::Phone => format!("TEL;TYPE={kind}:{value}"),
                    HandlePlatform::Website => format!("URL;TYPE={kind}:{}", escape(h.link.as_deref().unwrap_or(&h.value))),
                    platform => format!(
                        "X-SOCIALPROFILE;TYPE={};X-USER={}:{}",
                        platform.as_str(),
                        param(&h.value),
                        escape(h.link.as_deref().unwrap_or(&h.value))
                    ),
                });
            }
            let dates = self.person_dates(p.id)?;
            let first = |wanted: &dyn Fn(&ImportantDate) -> bool| dates.iter().find(|d| wanted(d)).map(date_value);
            if let Some(day) = first(&|d| d.kind == DateKind::Birthday) {
                card.push(format!("BDAY:{day}"));
            }
            if let Some(day) = first(&|d| d.kind == DateKind::Other && d.label.eq_ignore_ascii_case("anniversary")) {
                card.push(format!("ANNIVERSARY:{day}"));
            }
            if !p.tags.is_empty() {
                card.push(format!("CATEGORIES:{}", p.tags.iter().map(|t| escape(t)).collect::<Vec<_>>().join(",")));
            }
            if !p.notes.is_empty() {
                card.push(format!("NOTE:{}", escape(&p.notes)));
            }
            card.push("END:VCARD".to_owned());
            for line in card {
                out.push_str(&fold(&line));
            }
        }
        Ok(out)
    }
}

/// `19850412`, or `--0412` without a year (RFC 6350's date forms).
fn date_value(d: &ImportantDate) -> String {
    match d.year {
        Some(year) => format!("{year:04}{:02}{:02}", d.month, d.day),
        None => format!("--{:02}{:02}", d.month, d.day),
    }
}

/// Text with vCard's and iCalendar's escapes: backslash, comma, semicolon, line breaks.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value: quoted, without the characters a quoted value cannot hold.
fn param(text: &str) -> String {
    format!("\"{}\"", text.chars().filter(|c| !matches!(c, '"' | '\r' | '\n')).collect::<String>())
}

/// One content line, folded every 75 octets (never inside a character), ending in CRLF.
pub(crate) fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    let _ = write!(out, "\r\n");
    out
}
