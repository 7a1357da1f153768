//! The line grammar of a WhatsApp export: a header (date, time, maybe AM/PM, in the
//! phone's locale) and the rest of the line. A hand-written scanner: the variants are
//! many but each is small, and it reads a 200,000-line chat in a few milliseconds.
//!
//! Seen in public parsers' fixtures (Pustur/whatsapp-chat-parser, joweich/chat-miner,
//! starkdmi/whats_json): `12/24/19, 11:23 - `, `[31/12/2022 11:40:26] `,
//! `09-10-2022 10:37:00 p.m. - `, `13.6.2018 klo 21.25.15 - `, `13. 6. 2018. 21:25:15 `,
//! `13.06.18 21.25.15: `, `[3/18/2565 BE, 14:56:01] `, with U+202F or U+00A0 before AM/PM
//! and U+200E/U+200F marks at the line's start.

/// How a file writes its headers. The first header fixes it, so a message line that
/// merely starts with a date ("3.4.21 14:00 at the office") stays part of its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Shape {
    bracket: bool,
    date_sep: char,
    body_sep: BodySep,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodySep {
    /// `] ` after a bracketed stamp (iOS).
    Bracket,
    /// ` - ` (Android).
    Dash,
    /// `: ` right after the time.
    Colon,
    /// A bare space.
    Space,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Half {
    Am,
    Pm,
}

/// One header, its numbers as written; which of the first two is the day is settled
/// per file (when.rs).
#[derive(Debug, Clone, Copy)]
pub(super) struct Header<'a> {
    pub shape: Shape,
    /// The date's three numbers in the order written.
    pub date: [u32; 3],
    /// `2021/10/24`: the first number is the year.
    pub year_first: bool,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    pub half: Option<Half>,
    /// The stamp as written, for problems ("31/02/2023, 10:00").
    pub stamp: &'a str,
    /// What follows the stamp: "Ana: hello", or a notice with no sender.
    pub body: &'a str,
}

/// Direction marks and isolates WhatsApp writes around names, numbers and stamps.
pub(super) fn is_mark(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// ASCII, Arabic-Indic and Extended Arabic-Indic digits.
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{00A0}' | '\u{202F}')
}

struct Scan<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Scan<'a> {
    fn peek(&self) -> Option<char> {
        self.s[self.i..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += c.len_utf8();
        Some(c)
    }

    fn eat(&mut self, want: char) -> bool {
        let hit = self.peek() == Some(want);
        if hit {
            self.i += want.len_utf8();
        }
        hit
    }

    fn eat_str(&mut self, want: &str) -> bool {
        let hit = self.s[self.i..].starts_with(want);
        if hit {
            self.i += want.len();
        }
        hit
    }

    fn skip(&mut self, what: fn(char) -> bool) {
        while self.peek().is_some_and(what) {
            self.bump();
        }
    }

    /// Up to `max` digits: the value and how many digits there were.
    fn number(&mut self, max: usize) -> Option<(u32, usize)> {
        let (mut value, mut len) = (0u32, 0);
        while len < max {
            let Some(d) = self.peek().and_then(digit) else { break };
            value = value * 10 + d;
            len += 1;
            self.bump();
        }
        (len > 0).then_some((value, len))
    }

    fn rest(&self) -> &'a str {
        &self.s[self.i..]
    }
}

/// The header of `line`, if it starts with one.
pub(super) fn header(line: &str) -> Option<Header<'_>> {
    let mut s = Scan { s: line, i: 0 };
    s.skip(is_mark);
    let bracket = s.eat('[');
    s.skip(is_mark);
    let start = s.i;
    let (a, la) = s.number(4)?;
    let date_sep = s.bump().filter(|c| matches!(c, '/' | '.' | '-'))?;
    s.eat(' ');
    let (b, _) = s.number(2)?;
    if !s.eat(date_sep) {
        return None;
    }
    s.eat(' ');
    let (c, lc) = s.number(4)?;
    let year_first = la >= 3;
    if (year_first && lc > 2) || (!year_first && (la > 2 || !(lc == 2 || lc == 4))) {
        return None;
    }
    s.eat('.');
    // Between date and time: ", ", " ", "klo ", " BE, ", Arabic "، ", Korean "오후 ".
    let gap_start = s.i;
    while let Some(ch) = s.peek() {
        if digit(ch).is_some() || matches!(ch, '\n' | '[' | ']' | ':') || s.i - gap_start > 24 {
            break;
        }
        s.bump();
    }
    let gap = &line[gap_start..s.i];
    if gap.is_empty() {
        return None;
    }
    let (hour, _) = s.number(2)?;
    let time_sep = s.bump().filter(|c| matches!(c, ':' | '.'))?;
    let (minute, lm) = s.number(2)?;
    let mut second = 0;
    if lm != 2 {
        return None;
    }
    if s.peek() == Some(time_sep) && s.rest()[1..].chars().next().and_then(digit).is_some() {
        s.bump();
        match s.number(2)? {
            (sec, 2) => second = sec,
            _ => return None,
        }
    }
    let before_half = s.i;
    s.skip(is_space);
    let half = match half_suffix(&mut s) {
        Some(half) => Some(half),
        None => {
            s.i = before_half;
            half_prefix(gap)
        }
    };
    let stamp = &line[start..s.i];
    let body_sep = if bracket {
        s.skip(is_mark);
        if !s.eat(']') {
            return None;
        }
        if !s.eat_str(" - ") && !s.eat(' ') {
            return None;
        }
        BodySep::Bracket
    } else if s.eat_str(" - ") || s.eat_str(" \u{2013} ") {
        BodySep::Dash
    } else if s.eat_str(": ") {
        BodySep::Colon
    } else if s.eat(' ') {
        BodySep::Space
    } else {
        return None;
    };
    let shape = Shape { bracket, date_sep, body_sep };
    Some(Header { shape, date: [a, b, c], year_first, hour, minute, second, half, stamp, body: s.rest() })
}

/// `AM`, `pm`, `a.m.`, `p. m.` after the time; Arabic `ص`/`م`.
fn half_suffix(s: &mut Scan<'_>) -> Option<Half> {
    let save = s.i;
    let half = match s.bump() {
        Some('a' | 'A') => Half::Am,
        Some('p' | 'P') => Half::Pm,
        Some('\u{0635}') => return letter_ends(s, save, Half::Am),
        Some('\u{0645}') => return letter_ends(s, save, Half::Pm),
        _ => {
            s.i = save;
            return None;
        }
    };
    s.eat('.');
    s.skip(is_space);
    if !(s.eat('m') || s.eat('M')) {
        s.i = save;
        return None;
    }
    s.eat('.');
    letter_ends(s, save, half)
}

/// The marker stands alone: "pm" but not "pmore".
fn letter_ends(s: &mut Scan<'_>, save: usize, half: Half) -> Option<Half> {
    if s.peek().is_some_and(char::is_alphanumeric) {
        s.i = save;
        return None;
    }
    Some(half)
}

/// Korean, Chinese and Japanese write the half before the time.
fn half_prefix(gap: &str) -> Option<Half> {
    if ["오후", "下午", "午後"].iter().any(|m| gap.contains(m)) {
        Some(Half::Pm)
    } else if ["오전", "上午", "午前"].iter().any(|m| gap.contains(m)) {
        Some(Half::Am)
    } else {
        None
    }
}

/// A last line that begins like a header but is not one: the file was cut short.
pub(super) fn starts_like_header(line: &str) -> bool {
    let mut s = Scan { s: line, i: 0 };
    s.skip(is_mark);
    s.eat('[');
    s.number(4).is_some() && (s.peek().is_none() || s.bump().is_some_and(|c| matches!(c, '/' | '.' | '-')))
}
