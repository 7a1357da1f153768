//! Building a contact from what a file says: handles from URLs and addresses, a name
//! when the file has none, the dates it carries, and the core's own field checks.

use chrono::NaiveDate;

use super::{Contact, Rejection};
use crate::people::dates::DateInput;
pub(crate) use crate::people::duplicates::normalize_url;
use crate::people::handles::NewHandle;
use crate::people::person::PersonEdit;
use crate::vocab::{DateKind, HandlePlatform};

/// A handle for a web address, on the platform its host (or, failing that, the file's
/// label for it, like "LinkedIn" or "twitter") names.
pub(crate) fn web_handle(url: &str, label: &str) -> Option<NewHandle> {
    let url = url.trim();
    if url.is_empty() {
        return None;
    }
    let bare = normalize_url(url);
    let host = bare.split('/').next().unwrap_or_default();
    let label = label.to_lowercase();
    let on = |site: &str| host == site || host.ends_with(&format!(".{site}"));
    let platform = if on("linkedin.com") || label.contains("linkedin") {
        HandlePlatform::Linkedin
    } else if on("x.com") || on("twitter.com") || label.contains("twitter") || label == "x" {
        HandlePlatform::X
    } else if on("facebook.com") || on("fb.com") || label.contains("facebook") {
        HandlePlatform::Facebook
    } else if on("instagram.com") || label.contains("instagram") {
        HandlePlatform::Instagram
    } else {
        HandlePlatform::Website
    };
    // The readable part of a profile address: "ana-lima" of linkedin.com/in/ana-lima.
    let path: Vec<&str> = bare.split('/').skip(1).filter(|s| !s.is_empty()).collect();
    let profile = match (platform, path.as_slice()) {
        (HandlePlatform::Linkedin, ["in" | "pub", name, ..]) => Some(name.to_string()),
        (HandlePlatform::X, [name, ..]) => Some(format!("@{name}")),
        (HandlePlatform::Facebook | HandlePlatform::Instagram, [name, ..]) if *name != "profile.php" => Some(name.to_string()),
        _ => None,
    };
    let is_web = url.starts_with("http://") || url.starts_with("https://");
    Some(match (profile, is_web) {
        (Some(name), true) => NewHandle { platform, value: name, url: url.to_owned(), professional: true },
        (Some(name), false) => NewHandle { platform, value: name, url: format!("https://{url}"), professional: true },
        (None, true) => NewHandle { platform, value: url.to_owned(), url: url.to_owned(), professional: true },
        (None, false) => NewHandle { platform, value: url.to_owned(), url: String::new(), professional: true },
    })
}

pub(crate) fn email(value: &str, professional: bool) -> Option<NewHandle> {
    let value = value.trim().trim_start_matches("mailto:").trim();
    (!value.is_empty()).then(|| NewHandle { platform: HandlePlatform::Email, value: value.to_owned(), url: String::new(), professional })
}

pub(crate) fn phone(value: &str, professional: bool) -> Option<NewHandle> {
    let value = value.trim().trim_start_matches("tel:").trim();
    (!value.is_empty()).then(|| NewHandle { platform: HandlePlatform::Phone, value: value.to_owned(), url: String::new(), professional })
}

/// Whether a file's label ("Home", "TYPE=home", "Personal") marks a private account.
pub(crate) fn is_private(label: &str) -> bool {
    let label = label.to_lowercase();
    label.contains("home") || label.contains("personal")
}

/// Names joined by single spaces, empty parts left out.
pub(crate) fn join_name(parts: &[&str]) -> String {
    parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The day a file's date names, as (month, day, year): `1985-04-12`, `19850412`, a
/// date-time (`1985-04-12T23:30:00Z`: the day as written, never moved by its time zone, as
/// a birthday is a calendar day), and without a year `--0412`, `--04-12` or Apple's
/// placeholder year 1604. Anything else is `None`.
pub(crate) fn file_day(value: &str) -> Option<(u32, u32, Option<i32>)> {
    let day = value.trim().split(['T', 't', ' ']).next().unwrap_or_default();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (year, month_day) = match day.strip_prefix("--") {
        Some(rest) => (None, rest.to_owned()),
        None => match day.as_bytes() {
            [_, _, _, _, b'-', _, _, b'-', _, _] => (Some(&day[..4]), day[5..].replace('-', "")),
            _ if day.len() == 8 && digits(day) => (Some(&day[..4]), day[4..].to_owned()),
            _ => return None,
        },
    };
    let month_day = match month_day.as_bytes() {
        [_, _, b'-', _, _] if year.is_none() => month_day.replace('-', ""),
        _ => month_day,
    };
    if month_day.len() != 4 || !digits(&month_day) || !year.is_none_or(digits) {
        return None;
    }
    let year = year.and_then(|y| y.parse::<i32>().ok()).filter(|&y| y != APPLE_NO_YEAR);
    Some((month_day[..2].parse().ok()?, month_day[2..].parse().ok()?, year))
}

/// The year Apple's Contacts writes for a date whose year it does not know.
const APPLE_NO_YEAR: i32 = 1604;

/// What a file's own label for a date ("Anniversary", Apple's `_$!<Anniversary>!$_`, a
/// name the user gave it) becomes as the label of an "other" date.
pub(crate) fn occasion(label: &str) -> String {
    let label = label.trim().trim_start_matches("* ");
    let label = label.strip_prefix("_$!<").and_then(|l| l.strip_suffix(">!$_")).unwrap_or(label).trim();
    if label.is_empty() || label.eq_ignore_ascii_case("other") {
        "Date".to_owned()
    } else if label.eq_ignore_ascii_case("anniversary") {
        "Anniversary".to_owned()
    } else {
        label.to_owned()
    }
}

/// A contact's dates as the file gives them, and a notes line for each one that is not a
/// date a person can have ("Birthday: circa 1980"), so nothing the file said is lost.
#[derive(Debug, Default)]
pub(crate) struct FileDates {
    pub dates: Vec<DateInput>,
    pub notes: Vec<String>,
}

impl FileDates {
    /// Adds a file's `value` as a date of this kind (`label`: what an "other" date marks),
    /// checked as a typed date is against `today`. `text`: the file says the value is text
    /// (vCard's `VALUE=text`), kept as a notes line whatever it reads.
    pub(crate) fn add(&mut self, kind: DateKind, label: &str, value: &str, text: bool, today: NaiveDate) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        let date = file_day(value)
            .filter(|_| !text)
            .and_then(|(month, day, year)| DateInput { kind, label: label.to_owned(), month, day, year }.validated(today).ok());
        // A person has one birthday: a second, other day stays in the notes.
        let second_birthday =
            |d: &DateInput| kind == DateKind::Birthday && self.dates.iter().any(|b| b.kind == kind && (b.month, b.day) != (d.month, d.day));
        match date {
            Some(date) if !second_birthday(&date) => {
                let same = self
                    .dates
                    .iter_mut()
                    .find(|d| (d.kind, d.month, d.day) == (date.kind, date.month, date.day) && d.label.eq_ignore_ascii_case(&date.label));
                match same {
                    Some(same) => same.year = same.year.or(date.year),
                    None => self.dates.push(date),
                }
            }
            _ => {
                let title = if kind == DateKind::Other { label } else { kind.label() };
                self.notes.push(format!("{title}: {value}"));
            }
        }
    }
}

/// Checks a contact with the same rules as a person typed in; a problem rejects the row.
pub(crate) fn finish(
    line: usize,
    mut edit: PersonEdit,
    connected: Option<Option<NaiveDate>>,
    dates: Vec<DateInput>,
) -> Result<Contact, Rejection> {
    if edit.display_name.trim().is_empty() {
        // A name from whatever else identifies them, so the row is not lost.
        edit.display_name = edit
            .handles
            .iter()
            .find(|h| matches!(h.platform, HandlePlatform::Email | HandlePlatform::Linkedin))
            .map(|h| h.value.clone())
            .or_else(|| (!edit.company.is_empty()).then(|| edit.company.clone()))
            .unwrap_or_default();
    }
    if edit.display_name.trim().is_empty() {
        return Err(Rejection { line, display_name: String::new(), reason: "No name, email or profile to import.".into() });
    }
    let mut seen = Vec::new();
    edit.handles.retain(|h| {
        let key = (h.platform, h.value.to_lowercase());
        let new = !seen.contains(&key);
        seen.push(key);
        new
    });
    edit.validated().map(|edit| Contact { line, edit, connected, dates }).map_err(|e| Rejection {
        line,
        display_name: edit.display_name.chars().take(80).collect(),
        reason: e.to_string(),
    })
}
