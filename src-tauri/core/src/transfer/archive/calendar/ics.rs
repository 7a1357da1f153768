//! iCalendar's content lines (RFC 5545 §3.1): unfolded, split into name, parameters
//! and value, and gathered into the events and time zones the reader needs. Written
//! here rather than taken from a crate so every broken line can be named by its line.

/// One property: `ATTENDEE;CN=Sam;PARTSTAT=ACCEPTED:mailto:sam@x.com`.
#[derive(Debug, Clone)]
pub(super) struct Prop {
    /// Upper-cased.
    pub name: String,
    /// Names upper-cased, values with their quotes taken off.
    pub params: Vec<(String, String)>,
    pub value: String,
    /// 1-based line where the property starts.
    pub line: usize,
}

impl Prop {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// A VEVENT's own properties (its alarms' are left out).
#[derive(Debug, Clone, Default)]
pub(super) struct Event {
    pub props: Vec<Prop>,
    pub line: usize,
}

impl Event {
    pub fn get(&self, name: &str) -> Option<&Prop> {
        self.props.iter().find(|p| p.name == name)
    }

    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Prop> + 'a {
        self.props.iter().filter(move |p| p.name == name)
    }

    pub fn value(&self, name: &str) -> &str {
        self.get(name).map_or("", |p| p.value.as_str())
    }
}

/// A VTIMEZONE, kept only for the offset of its STANDARD part: what a zone name no
/// table knows falls back to.
#[derive(Debug, Clone, Default)]
pub(super) struct TimeZone {
    pub tzid: String,
    /// Seconds east of UTC.
    pub standard_offset: Option<i32>,
}

#[derive(Debug, Default)]
pub(super) struct Calendar {
    /// `X-WR-CALNAME`: Google names a person's primary calendar by their address.
    pub name: String,
    pub events: Vec<Event>,
    pub zones: Vec<TimeZone>,
    /// (line, reason) of what could not be read.
    pub problems: Vec<(usize, String)>,
}

/// Reads one .ics file's text (line ends already `\n`).
pub(super) fn parse(text: &str) -> Calendar {
    let mut cal = Calendar::default();
    // The components open around the current line, innermost last.
    let mut stack: Vec<String> = Vec::new();
    let mut event: Option<Event> = None;
    let mut zone: Option<TimeZone> = None;
    for (line, content) in unfold(text) {
        let Some(prop) = split(&content, line) else {
            cal.problems.push((line, "this line is not a calendar property (NAME:value)".into()));
            continue;
        };
        match prop.name.as_str() {
            "BEGIN" => {
                let kind = prop.value.trim().to_ascii_uppercase();
                if kind == "VEVENT" {
                    if let Some(open) = event.take() {
                        cal.problems.push((open.line, "this event has no END:VEVENT; it was not read".into()));
                    }
                    event = Some(Event { props: Vec::new(), line });
                } else if kind == "VTIMEZONE" {
                    zone = Some(TimeZone::default());
                }
                stack.push(kind);
            }
            "END" => {
                let kind = prop.value.trim().to_ascii_uppercase();
                // Close up to the matching BEGIN; a missing END inside is forgiven.
                if let Some(at) = stack.iter().rposition(|k| *k == kind) {
                    stack.truncate(at);
                } else {
                    cal.problems.push((line, format!("END:{kind} without its BEGIN")));
                }
                if kind == "VEVENT" {
                    cal.events.extend(event.take());
                } else if kind == "VTIMEZONE" {
                    cal.zones.extend(zone.take());
                }
            }
            _ => match stack.last().map(String::as_str) {
                Some("VEVENT") => {
                    if let Some(e) = event.as_mut() {
                        e.props.push(prop);
                    }
                }
                Some("VCALENDAR") if prop.name == "X-WR-CALNAME" => cal.name = unescape(&prop.value),
                Some("VTIMEZONE") if prop.name == "TZID" => {
                    if let Some(z) = zone.as_mut() {
                        z.tzid = prop.value.clone();
                    }
                }
                Some("STANDARD") if prop.name == "TZOFFSETTO" && stack.iter().any(|k| k == "VTIMEZONE") => {
                    if let Some(z) = zone.as_mut() {
                        z.standard_offset = offset(&prop.value);
                    }
                }
                _ => {}
            },
        }
    }
    if let Some(open) = event {
        cal.problems.push((open.line, "the file ends inside this event (cut short?); it was not read".into()));
    }
    cal
}

/// Joins continuation lines (starting with a space or tab) to the line before, with
/// the line number where each logical line starts.
fn unfold(text: &str) -> Vec<(usize, String)> {
    let mut lines: Vec<(usize, String)> = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        match (raw.strip_prefix([' ', '\t']), lines.last_mut()) {
            (Some(rest), Some((_, last))) => last.push_str(rest),
            _ if raw.trim().is_empty() => {}
            _ => lines.push((i + 1, raw.to_owned())),
        }
    }
    lines
}

/// `NAME;P=V;Q="a:b":value`; colons inside quoted parameter values do not end the name.
fn split(content: &str, line: usize) -> Option<Prop> {
    let mut quoted = false;
    let mut colon = None;
    for (i, c) in content.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ':' if !quoted => {
                colon = Some(i);
                break;
            }
            _ => {}
        }
    }
    let colon = colon?;
    let (head, value) = (&content[..colon], &content[colon + 1..]);
    let mut pieces = split_outside_quotes(head, ';').into_iter();
    let name = pieces.next()?.trim().to_ascii_uppercase();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return None;
    }
    let params = pieces
        .filter_map(|p| {
            let (n, v) = p.split_once('=')?;
            Some((n.trim().to_ascii_uppercase(), v.trim().trim_matches('"').to_owned()))
        })
        .collect();
    Some(Prop { name, params, value: value.to_owned(), line })
}

fn split_outside_quotes(text: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut quoted, mut from) = (false, 0);
    for (i, c) in text.char_indices() {
        if c == '"' {
            quoted = !quoted;
        } else if c == sep && !quoted {
            out.push(&text[from..i]);
            from = i + c.len_utf8();
        }
    }
    out.push(&text[from..]);
    out
}

/// TEXT values escape `\n`, `\,`, `\;` and `\\`.
pub(super) fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// `+0100`, `-0530`, `+013000` as seconds east of UTC.
fn offset(value: &str) -> Option<i32> {
    let v = value.trim();
    let (sign, digits) = match v.as_bytes().first()? {
        b'+' => (1, &v[1..]),
        b'-' => (-1, &v[1..]),
        _ => return None,
    };
    if !(digits.len() == 4 || digits.len() == 6) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| digits.get(r).and_then(|s| s.parse::<i32>().ok()).unwrap_or(0);
    Some(sign * (n(0..2) * 3600 + n(2..4) * 60 + n(4..6)))
}
