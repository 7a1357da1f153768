//! vCard 2.1, 3.0 and 4.0 as address books and phones write them: folded lines,
//! quoted-printable values with soft line breaks and a charset, grouped properties
//! (`item1.URL` labelled by `item1.X-ABLabel`), escaped commas and semicolons.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::contact::{email, finish, is_private, join_name, occasion, phone, web_handle, FileDates};
use super::{Contact, ImportFormat, ParsedFile, Rejection};
use crate::people::handles::NewHandle;
use crate::people::person::PersonEdit;
use crate::vocab::{DateKind, HandlePlatform};

pub(super) fn parse(text: &str, today: NaiveDate) -> ParsedFile {
    let mut parsed = ParsedFile { format: ImportFormat::Vcard, contacts: Vec::new(), rejections: Vec::new() };
    let mut card: Option<(usize, Vec<Property>)> = None;
    let mut nested = 0;
    for (line, content) in logical_lines(text) {
        let Some(property) = Property::parse(&content) else { continue };
        match (property.name.as_str(), property.value.trim().to_ascii_uppercase().as_str()) {
            ("BEGIN", "VCARD") => {
                if let Some((start, properties)) = card.take() {
                    if properties.iter().any(|p| p.name == "AGENT") {
                        // vCard 2.1 may hold a card inside a card; it is not a person of its own.
                        nested += 1;
                        card = Some((start, properties));
                        continue;
                    }
                    parsed.rejections.push(truncated(start, &properties));
                }
                card = Some((line, Vec::new()));
            }
            ("END", "VCARD") => {
                if nested > 0 {
                    nested -= 1;
                } else if let Some((start, properties)) = card.take() {
                    match contact(start, &properties, today) {
                        Ok(contact) => parsed.contacts.push(contact),
                        Err(rejection) => parsed.rejections.push(rejection),
                    }
                }
            }
            _ if nested > 0 => {}
            _ => {
                if let Some((_, properties)) = card.as_mut() {
                    properties.push(property);
                }
            }
        }
    }
    if let Some((start, properties)) = card {
        parsed.rejections.push(truncated(start, &properties));
    }
    parsed
}

fn truncated(start: usize, properties: &[Property]) -> Rejection {
    let name = properties.iter().find(|p| p.name == "FN").map(|p| p.text()).unwrap_or_default();
    Rejection { line: start, display_name: name, reason: "This card has no END:VCARD: the file may be cut short.".into() }
}

/// Physical lines joined into logical ones, each with the line it starts on: a line
/// starting with a space or tab continues the one before (folding), and a
/// quoted-printable value ending in `=` continues on the next line (a soft break).
fn logical_lines(text: &str) -> Vec<(usize, String)> {
    let mut lines: Vec<(usize, String)> = Vec::new();
    let mut soft_break = false;
    for (i, raw) in text.lines().enumerate() {
        let raw = raw.trim_end_matches('\r');
        if soft_break {
            let (_, last) = lines.last_mut().expect("a soft break follows a line");
            last.pop();
            last.push_str(raw);
        } else if (raw.starts_with(' ') || raw.starts_with('\t')) && !lines.is_empty() {
            lines.last_mut().expect("checked").1.push_str(&raw[1..]);
        } else if raw.trim().is_empty() {
            continue;
        } else {
            lines.push((i + 1, raw.to_owned()));
        }
        let last = &lines.last().map(|(_, l)| l.as_str()).unwrap_or_default();
        soft_break = last.ends_with('=') && is_quoted_printable(last);
    }
    lines
}

fn is_quoted_printable(line: &str) -> bool {
    let head = line.split(':').next().unwrap_or_default().to_ascii_uppercase();
    head.contains("QUOTED-PRINTABLE")
}

/// One property: `group.NAME;PARAM=a,b;BARE:value`.
#[derive(Debug)]
struct Property {
    group: String,
    name: String,
    /// Parameter names upper-cased; a vCard 2.1 bare parameter (`WORK`) is a TYPE.
    params: Vec<(String, String)>,
    value: String,
}

impl Property {
    fn parse(line: &str) -> Option<Property> {
        // The value starts at the first colon outside a quoted parameter value.
        let mut quoted = false;
        let colon = line.char_indices().find(|&(_, c)| {
            quoted ^= c == '"';
            c == ':' && !quoted
        })?;
        let (head, value) = (&line[..colon.0], &line[colon.0 + 1..]);
        let mut parts = split_unquoted(head, ';').into_iter();
        let full = parts.next()?;
        let (group, name) = full.rsplit_once('.').unwrap_or(("", &full));
        let params = parts
            .map(|p| match p.split_once('=') {
                Some((k, v)) => (k.trim().to_ascii_uppercase(), v.trim().trim_matches('"').to_owned()),
                None => ("TYPE".to_owned(), p.trim().to_owned()),
            })
            .collect();
        let mut property =
            Property { group: group.to_ascii_lowercase(), name: name.trim().to_ascii_uppercase(), params, value: value.to_owned() };
        property.decode();
        Some(property)
    }

    fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Every TYPE, joined: "work,voice".
    fn types(&self) -> String {
        self.params.iter().filter(|(k, _)| k == "TYPE").map(|(_, v)| v.as_str()).collect::<Vec<_>>().join(",")
    }

    /// Decodes a quoted-printable value in its charset (UTF-8 unless it says Latin-1).
    fn decode(&mut self) {
        let encoding = self.param("ENCODING").map(str::to_ascii_uppercase);
        let qp = encoding.as_deref() == Some("QUOTED-PRINTABLE") || self.types().to_ascii_uppercase().contains("QUOTED-PRINTABLE");
        if !qp {
            return;
        }
        let bytes = quoted_printable(&self.value);
        let charset = self.param("CHARSET").unwrap_or("UTF-8").to_ascii_uppercase();
        self.value = match String::from_utf8(bytes) {
            Ok(text) if !charset.contains("8859") && !charset.contains("1252") => text,
            Ok(text) if text.is_ascii() => text,
            Ok(text) => text.bytes().map(char::from).collect(),
            Err(e) => e.into_bytes().into_iter().map(char::from).collect(),
        }
        .replace("\r\n", "\n");
    }

    /// The value as text, with vCard's backslash escapes undone.
    fn text(&self) -> String {
        unescape(&self.value)
    }

    /// A structured value's components (`N`, `ORG`), each unescaped.
    fn components(&self) -> Vec<String> {
        split_escaped(&self.value, ';').iter().map(|c| unescape(c)).collect()
    }

    /// Whether the file says the value is free text (`BDAY;VALUE=text:circa 1800`), or a
    /// date in a calendar other than the Gregorian one.
    fn is_text(&self) -> bool {
        let calendar = self.param("CALSCALE").is_some_and(|c| !c.eq_ignore_ascii_case("gregorian"));
        calendar || self.param("VALUE").is_some_and(|v| v.eq_ignore_ascii_case("text"))
    }

    /// A date's value; with Apple's `X-APPLE-OMIT-YEAR=1604`, the year it names as
    /// unknown taken off (`--04-12`).
    fn day(&self) -> String {
        let value = self.text();
        match self.param("X-APPLE-OMIT-YEAR").filter(|y| !y.is_empty()).and_then(|y| value.strip_prefix(y)) {
            Some(rest) => format!("--{}", rest.trim_start_matches('-')),
            None => value,
        }
    }

    fn is_binary(&self) -> bool {
        matches!(self.param("ENCODING").map(str::to_ascii_uppercase).as_deref(), Some("B" | "BASE64"))
    }
}

fn quoted_printable(value: &str) -> Vec<u8> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(byte) = hex {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// Splits on `sep` outside double quotes (parameter values may hold `;` in quotes).
fn split_unquoted(text: &str, sep: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                parts.last_mut().expect("one part").push(c);
            }
            c if c == sep && !quoted => parts.push(String::new()),
            c => parts.last_mut().expect("one part").push(c),
        }
    }
    parts
}

/// Splits on `sep` not escaped by a backslash; escapes stay for `unescape`.
fn split_escaped(text: &str, sep: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        let part = parts.last_mut().expect("one part");
        match c {
            '\\' => {
                part.push(c);
                part.extend(chars.next());
            }
            c if c == sep => parts.push(String::new()),
            c => part.push(c),
        }
    }
    parts
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out.trim().to_owned()
}

fn contact(line: usize, properties: &[Property], today: NaiveDate) -> Result<Contact, Rejection> {
    // Apple labels a grouped property with `itemN.X-ABLabel:LinkedIn`.
    let labels: HashMap<&str, String> =
        properties.iter().filter(|p| p.name == "X-ABLABEL" && !p.group.is_empty()).map(|p| (p.group.as_str(), p.text())).collect();
    let mut edit = PersonEdit::default();
    let mut structured_name = String::new();
    let mut notes = Vec::new();
    let mut dates = FileDates::default();
    for p in properties.iter().filter(|p| !p.is_binary()) {
        let label = format!("{} {}", p.types(), labels.get(p.group.as_str()).map_or("", String::as_str));
        match p.name.as_str() {
            "FN" => edit.display_name = p.text(),
            "N" => {
                let c = p.components();
                let part = |i: usize| c.get(i).map_or("", String::as_str);
                structured_name = join_name(&[part(3), part(1), part(2), part(0), part(4)]);
            }
            "ORG" => edit.company = p.components().into_iter().next().unwrap_or_default(),
            "TITLE" => edit.title = p.text(),
            "NOTE" => notes.push(p.text()),
            "BDAY" => dates.add(DateKind::Birthday, "", &p.day(), p.is_text(), today),
            // vCard 4's ANNIVERSARY, and what vCard 3 writers call it: a wedding
            // anniversary, not a work one.
            "ANNIVERSARY" | "X-ANNIVERSARY" | "X-EVOLUTION-ANNIVERSARY" | "X-MS-ANNIVERSARY" => {
                dates.add(DateKind::Other, "Anniversary", &p.day(), p.is_text(), today)
            }
            // Apple's dates: `item3.X-ABDATE:2010-06-12` labelled `_$!<Anniversary>!$_`.
            "X-ABDATE" => {
                let label = occasion(labels.get(p.group.as_str()).map_or("", String::as_str));
                dates.add(DateKind::Other, &label, &p.day(), p.is_text(), today)
            }
            "CATEGORIES" => edit.tags.extend(split_escaped(&p.value, ',').iter().map(|t| unescape(t)).filter(|t| !t.is_empty())),
            "EMAIL" => edit.handles.extend(email(&p.text(), !is_private(&label))),
            "TEL" => edit.handles.extend(phone(&p.text(), !is_private(&label))),
            "URL" => edit.handles.extend(web_handle(&p.text(), &label)),
            "X-SOCIALPROFILE" => edit.handles.extend(social_profile(p, &label)),
            "X-TWITTER" => edit.handles.extend(web_handle(&format!("https://x.com/{}", p.text().trim_start_matches('@')), "")),
            "X-LINKEDIN" => edit.handles.extend(web_handle(&p.text(), "LinkedIn")),
            "IMPP" => {
                let value = p.text();
                (!value.is_empty()).then(|| {
                    edit.handles.push(NewHandle { platform: HandlePlatform::Other, value, url: String::new(), professional: true })
                });
            }
            // PHOTO, LOGO, KEY, SOUND, ADR, REV, UID, PRODID and the rest are not kept.
            _ => {}
        }
    }
    if edit.display_name.is_empty() {
        edit.display_name = structured_name;
    }
    notes.extend(dates.notes);
    edit.notes = notes.into_iter().filter(|n| !n.is_empty()).collect::<Vec<_>>().join("\n");
    finish(line, edit, None, dates.dates)
}

/// `X-SOCIALPROFILE;TYPE=twitter;X-USER=ana:https://twitter.com/ana`: the URL's host or
/// the TYPE names the platform.
fn social_profile(p: &Property, label: &str) -> Option<NewHandle> {
    let value = p.text();
    let value = value.strip_prefix("x-apple:").unwrap_or(&value);
    let mut handle = web_handle(value, label)?;
    if handle.platform == HandlePlatform::Website && !value.contains('/') {
        handle.platform = HandlePlatform::Other;
    }
    if let Some(user) = p.param("X-USER").filter(|u| !u.is_empty()) {
        if handle.url.is_empty() && value.contains("://") {
            handle.url = value.to_owned();
        }
        handle.value = if handle.platform == HandlePlatform::X { format!("@{}", user.trim_start_matches('@')) } else { user.to_owned() };
    }
    Some(handle)
}
