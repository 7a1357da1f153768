//! Building a contact from what a file says: handles from URLs and addresses, a name
//! when the file has none, and the core's own field checks.

use chrono::NaiveDate;

use super::{Contact, Rejection};
pub(crate) use crate::people::duplicates::normalize_url;
use crate::people::handles::NewHandle;
use crate::people::person::PersonEdit;
use crate::vocab::HandlePlatform;

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

/// "Birthday: 12 April 1985" (or "12 April" without a year) from the forms files use.
pub(crate) fn birthday_line(value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let digits: String = value.chars().take_while(|c| *c != 'T').filter(char::is_ascii_digit).collect();
    let yearless = value.starts_with("--");
    let text = match (yearless, digits.len()) {
        (false, 8) => NaiveDate::parse_from_str(&digits, "%Y%m%d").ok().map(|d| d.format("%-d %B %Y").to_string()),
        (true, 4) => NaiveDate::parse_from_str(&format!("2000{digits}"), "%Y%m%d").ok().map(|d| d.format("%-d %B").to_string()),
        _ => None,
    };
    Some(format!("Birthday: {}", text.unwrap_or_else(|| value.to_owned())))
}

/// Checks a contact with the same rules as a person typed in; a problem rejects the row.
pub(crate) fn finish(line: usize, mut edit: PersonEdit, connected: Option<Option<NaiveDate>>) -> Result<Contact, Rejection> {
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
    edit.validated().map(|edit| Contact { line, edit, connected }).map_err(|e| Rejection {
        line,
        display_name: edit.display_name.chars().take(80).collect(),
        reason: e.to_string(),
    })
}
