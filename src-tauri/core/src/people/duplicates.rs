//! Who may be one person recorded twice. One rule, used by the duplicates list and by
//! every import (contacts files and archives) to match who someone already is:
//!
//! - **E-mail**: trimmed, `mailto:` dropped, lower case. Only an address with text on
//!   both sides of an `@` matches anything.
//! - **Phone**: digits only (a leading `+` kept for display), compared on the last nine
//!   digits: that is where the national form ("020 7946 0958") and the international
//!   ones ("+44 20 7946 0958", "0044 20 7946 0958") agree, the country code and trunk 0
//!   falling away. A number of seven or eight digits is compared whole; one of fewer
//!   than seven (an extension) matches nothing.
//! - **Profile**: the address without scheme, `www.`/`m.`, query, fragment or trailing
//!   slash, lower case; `twitter.com` is `x.com`, a country's `xx.linkedin.com` is
//!   `linkedin.com`, and a LinkedIn address is cut to its `/in/<slug>`.
//! - **Names** are folded (lower case, accents off, punctuation as spaces, words sorted,
//!   so "Lopez, Ana" is "Ana López"). Two names are near when they fold the same, or,
//!   for folded names of at least [`ONE_EDIT_FROM`] characters, one edit apart. A near
//!   name alone never pairs two people (two John Smiths are two people): it takes a
//!   company or a website the two share.
//!
//! The list leaves out people merged away and archived people (put out of sight by the
//! user; restoring one brings their pairs back), and pairs the user said are not the
//! same person.

use std::collections::{HashMap, HashSet};

use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::people::handles::Handle;
use crate::storage::diary::Diary;
use crate::storage::error::{Error, Result};
use crate::vocab::HandlePlatform;

/// Digits a phone number is compared on.
pub const PHONE_DIGITS: usize = 9;
/// Fewer digits than this is no phone number to match on.
const PHONE_SHORTEST: usize = 7;
/// Folded names this long or longer are near when one edit apart.
pub const ONE_EDIT_FROM: usize = 8;
/// An address, number or website shared by more people than this is an office's or a
/// team's, not one person's: it pairs no one.
pub const SHARED_BY_MORE: usize = 5;

/// Why two people may be one, strongest first.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DuplicateReason {
    /// The same e-mail address (as compared: lower case).
    SameEmail { email: String },
    /// The same profile on a platform (as compared: `linkedin.com/in/ana-lima`).
    SameProfile { profile: String },
    /// The same phone number, as the first of the two wrote it.
    SamePhone { phone: String },
    /// Near names and the same website or other handle.
    NearNameSameHandle { handle: String },
    /// Near names and the same company, as the first of the two wrote it.
    NearNameSameCompany { company: String },
}

impl DuplicateReason {
    /// 0 for the strongest evidence, then up.
    pub fn strength(&self) -> u8 {
        match self {
            DuplicateReason::SameEmail { .. } => 0,
            DuplicateReason::SameProfile { .. } => 1,
            DuplicateReason::SamePhone { .. } => 2,
            DuplicateReason::NearNameSameHandle { .. } => 3,
            DuplicateReason::NearNameSameCompany { .. } => 4,
        }
    }
}

/// Two people who may be one: `a` the lower id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicatePair {
    pub a: i64,
    pub a_name: String,
    pub b: i64,
    pub b_name: String,
    /// Strongest first.
    pub reasons: Vec<DuplicateReason>,
}

/// An e-mail address as compared, if it is one.
pub fn email_key(value: &str) -> Option<String> {
    let value = value.trim();
    let value = value.get(..7).filter(|s| s.eq_ignore_ascii_case("mailto:")).map_or(value, |_| &value[7..]).trim();
    let (local, domain) = value.rsplit_once('@')?;
    (!local.is_empty() && !domain.is_empty()).then(|| value.to_lowercase())
}

/// A phone number's digits, a leading `+` kept: "+442079460958".
pub fn phone_digits(value: &str) -> String {
    let value = value.trim();
    let plus = if value.starts_with('+') { "+" } else { "" };
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    format!("{plus}{digits}")
}

/// A phone number as compared: its last [`PHONE_DIGITS`] digits, or all of a shorter
/// one; `None` below seven digits.
pub fn phone_key(value: &str) -> Option<String> {
    let digits: Vec<char> = value.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < PHONE_SHORTEST {
        return None;
    }
    Some(digits[digits.len().saturating_sub(PHONE_DIGITS)..].iter().collect())
}

/// A URL reduced to what tells two profiles apart: no scheme, `www.`, query or
/// trailing slash, lower case.
pub(crate) fn normalize_url(url: &str) -> String {
    let url = url.trim().to_lowercase();
    let url = url.split(['?', '#']).next().unwrap_or_default();
    let url = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")).unwrap_or(url);
    let url = url.strip_prefix("www.").or_else(|| url.strip_prefix("m.")).unwrap_or(url);
    url.trim_end_matches('/').to_owned()
}

/// A profile address as compared: [`normalize_url`], one host per platform, and
/// LinkedIn's `/in/<slug>` without what follows.
pub fn profile_key(url: &str) -> String {
    let bare = normalize_url(url);
    let (host, path) = bare.split_once('/').unwrap_or((&bare, ""));
    let host = match host {
        "twitter.com" | "mobile.twitter.com" => "x.com",
        h if h.ends_with(".linkedin.com") => "linkedin.com",
        h => h,
    };
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match (host, segments.as_slice()) {
        ("linkedin.com", ["in" | "pub", slug, ..]) => format!("linkedin.com/in/{slug}"),
        (_, []) => host.to_owned(),
        _ => format!("{host}/{}", segments.join("/")),
    }
}

/// The key two handles share when they are the same account.
pub(crate) fn handle_key(platform: HandlePlatform, value: &str, url: &str) -> String {
    match platform {
        HandlePlatform::Email => format!("email:{}", value.trim().to_lowercase()),
        HandlePlatform::Phone => format!("phone:{}", phone_key(value).unwrap_or_else(|| phone_digits(value))),
        _ => match Handle::link(platform, value, url) {
            Some(link) => format!("web:{}", profile_key(&link)),
            None => format!("{}:{}", platform.as_str(), value.trim().to_lowercase()),
        },
    }
}

/// A name folded for comparing: lower case, accents off, punctuation as spaces, words
/// sorted and joined by one space. "Lopez, Ana" and "Ana López" are "ana lopez".
pub fn fold_name(name: &str) -> String {
    let mut words: Vec<String> = fold(name).split_whitespace().map(str::to_owned).collect();
    words.sort_unstable();
    words.join(" ")
}

/// Whether two folded names ([`fold_name`]) are near enough to be one person's.
pub fn names_near(a: &str, b: &str) -> bool {
    !a.is_empty() && (a == b || (a.chars().count().min(b.chars().count()) >= ONE_EDIT_FROM && one_edit_apart(a, b)))
}

/// A company as compared: folded, with a legal form at its end ("Ltd", "GmbH") left off.
pub fn company_key(company: &str) -> Option<String> {
    const FORMS: &[&str] =
        &["ltd", "limited", "inc", "llc", "gmbh", "ag", "sa", "sas", "sarl", "bv", "nv", "plc", "srl", "spa", "co", "corp", "lda"];
    let folded = fold(company);
    let mut words: Vec<&str> = folded.split_whitespace().collect();
    while words.len() > 1 && words.last().is_some_and(|w| FORMS.contains(w)) {
        words.pop();
    }
    (!words.is_empty()).then(|| words.join(" "))
}

/// Lower case, Latin accents off, anything but letters and digits a space; apostrophes
/// and dots dropped so "O'Brien" is "obrien".
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            '\'' | '’' | '.' => {}
            c if c.is_alphanumeric() => match unaccented(c) {
                Some(plain) => out.push_str(plain),
                None => out.push(c),
            },
            _ => out.push(' '),
        }
    }
    out
}

/// The plain letters of an accented Latin one.
fn unaccented(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'þ' => "th",
        _ => return None,
    })
}

/// Whether `a` and `b` differ by exactly one inserted, deleted or replaced character.
fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let start = short.iter().zip(long.iter()).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        start < short.len() && short[start + 1..] == long[start + 1..]
    } else {
        short[start..] == long[start + 1..]
    }
}

/// The keys a folded name is found by, hashed: itself and, when one edit counts, each
/// form with one character left out; two names one edit apart share one of them. (Two
/// names that merely share a hash are compared and told apart.)
fn name_blocks(folded: &str) -> Vec<u64> {
    let chars: Vec<char> = folded.chars().collect();
    // FNV-1a over the characters: a block's key needs no defence against crafted input.
    let hash = |skip: Option<usize>| {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for (i, c) in chars.iter().enumerate() {
            if Some(i) != skip {
                h = (h ^ u64::from(*c)).wrapping_mul(0x0100_0000_01b3);
            }
        }
        h
    };
    let mut keys = vec![hash(None)];
    if chars.len() >= ONE_EDIT_FROM {
        keys.extend((0..chars.len()).map(|i| hash(Some(i))));
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Who holds a key (by index into the people read), and the value as they wrote it.
type Holder = (usize, String);

struct Someone {
    id: i64,
    name: String,
    folded: String,
    company: String,
}

/// Pairs found so far, by index into the people read.
#[derive(Default)]
struct Found(HashMap<(usize, usize), Vec<DuplicateReason>>);

impl Found {
    fn add(&mut self, x: usize, y: usize, reason: DuplicateReason) {
        let reasons = self.0.entry((x.min(y), x.max(y))).or_default();
        if !reasons.contains(&reason) {
            reasons.push(reason);
        }
    }
}

impl Diary {
    /// People who may be one person recorded twice, strongest evidence first; each pair
    /// once, lower id first. See the module's rules.
    pub fn duplicate_candidates(&self) -> Result<Vec<DuplicatePair>> {
        let mut people = Vec::new();
        let mut index: HashMap<i64, usize> = HashMap::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, display_name, company FROM person WHERE merged_into IS NULL AND archived_at IS NULL ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (id, name, company): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            index.insert(id, people.len());
            people.push(Someone { id, folded: fold_name(&name), name, company });
        }

        // Everyone holding each key, with the value as they wrote it.
        let mut strong: HashMap<(u8, String), Vec<Holder>> = HashMap::new();
        let mut shared: HashMap<String, Vec<Holder>> = HashMap::new();
        let mut stmt = self.conn.prepare_cached("SELECT person_id, platform, value, url FROM handle")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let Some(&who) = index.get(&r.get::<_, i64>(0)?) else { continue };
            let (platform, value, url): (HandlePlatform, String, String) = (r.get(1)?, r.get(2)?, r.get(3)?);
            let key = match platform {
                HandlePlatform::Email => email_key(&value).map(|k| (0, k)),
                HandlePlatform::Phone => phone_key(&value).map(|k| (2, k)),
                HandlePlatform::Linkedin | HandlePlatform::X | HandlePlatform::Facebook | HandlePlatform::Instagram => {
                    Handle::link(platform, &value, &url).map(|link| (1, profile_key(&link)))
                }
                HandlePlatform::Website | HandlePlatform::Other => {
                    let key = handle_key(platform, &value, &url);
                    shared.entry(key).or_default().push((who, value.clone()));
                    None
                }
            };
            if let Some(key) = key {
                strong.entry(key).or_default().push((who, value));
            }
        }

        let mut found = Found::default();
        let each_pair = |holders: &mut Vec<Holder>, f: &mut dyn FnMut(&Holder, &Holder)| {
            holders.sort_unstable();
            holders.dedup_by_key(|h| h.0);
            if holders.len() < 2 || holders.len() > SHARED_BY_MORE {
                return;
            }
            for (i, x) in holders.iter().enumerate() {
                for y in &holders[i + 1..] {
                    f(x, y);
                }
            }
        };
        for ((kind, key), mut holders) in strong {
            each_pair(&mut holders, &mut |x, y| {
                let reason = match kind {
                    0 => DuplicateReason::SameEmail { email: key.clone() },
                    1 => DuplicateReason::SameProfile { profile: key.clone() },
                    _ => DuplicateReason::SamePhone { phone: x.1.clone() },
                };
                found.add(x.0, y.0, reason);
            });
        }
        for (key, mut holders) in shared {
            each_pair(&mut holders, &mut |x, y| {
                if names_near(&people[x.0].folded, &people[y.0].folded) {
                    let handle = key.split_once(':').map_or(key.as_str(), |(_, v)| v).to_owned();
                    found.add(x.0, y.0, DuplicateReason::NearNameSameHandle { handle });
                }
            });
        }

        // Near names at one company. People of one company whose names fold the same are
        // one class; classes are blocked by the company and the name's keys, so only
        // names that may be one edit apart are compared, each pair of classes once.
        let mut companies: HashMap<String, u32> = HashMap::new();
        let mut classes: HashMap<(u32, &str), Vec<usize>> = HashMap::new();
        for (i, p) in people.iter().enumerate() {
            let Some(company) = company_key(&p.company).filter(|_| !p.folded.is_empty()) else { continue };
            let next = companies.len() as u32;
            let company = *companies.entry(company).or_insert(next);
            classes.entry((company, p.folded.as_str())).or_default().push(i);
        }
        let classes: Vec<((u32, &str), Vec<usize>)> = classes.into_iter().collect();
        // (company, key, class), sorted: a block is a run of one company and key.
        let mut blocks: Vec<(u32, u64, usize)> = Vec::new();
        for (c, ((company, folded), members)) in classes.iter().enumerate() {
            for (n, &x) in members.iter().enumerate() {
                for &y in &members[n + 1..] {
                    found.add(x, y, DuplicateReason::NearNameSameCompany { company: people[x.min(y)].company.clone() });
                }
            }
            blocks.extend(name_blocks(folded).into_iter().map(|key| (*company, key, c)));
        }
        blocks.sort_unstable();
        let mut compared: HashSet<(usize, usize)> = HashSet::new();
        for block in blocks.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)).filter(|b| b.len() >= 2) {
            for (n, &(_, _, c)) in block.iter().enumerate() {
                for &(_, _, d) in &block[n + 1..] {
                    if !compared.insert((c.min(d), c.max(d))) || !names_near(classes[c].0 .1, classes[d].0 .1) {
                        continue;
                    }
                    for &x in &classes[c].1 {
                        for &y in &classes[d].1 {
                            let company = people[x.min(y)].company.clone();
                            found.add(x, y, DuplicateReason::NearNameSameCompany { company });
                        }
                    }
                }
            }
        }

        let mut stmt = self.conn.prepare_cached("SELECT person_a, person_b FROM not_duplicate")?;
        let dismissed: HashSet<(i64, i64)> = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        let mut pairs: Vec<DuplicatePair> = found
            .0
            .into_iter()
            .filter(|((x, y), _)| !dismissed.contains(&(people[*x].id, people[*y].id)))
            .map(|((x, y), mut reasons)| {
                reasons.sort_by_key(DuplicateReason::strength);
                let (a, b) = (&people[x], &people[y]);
                DuplicatePair { a: a.id, a_name: a.name.clone(), b: b.id, b_name: b.name.clone(), reasons }
            })
            .collect();
        pairs.sort_by_key(|p| (p.reasons[0].strength(), std::cmp::Reverse(p.reasons.len()), p.a, p.b));
        Ok(pairs)
    }

    /// Remembers that `a` and `b` are not the same person: the pair is not offered again.
    pub fn dismiss_duplicate(&mut self, a: i64, b: i64) -> Result<()> {
        if a == b {
            return Err(Error::invalid("people", "A person is always the same person as themself."));
        }
        self.person(a)?;
        self.person(b)?;
        self.conn.execute(
            "INSERT OR IGNORE INTO not_duplicate (person_a, person_b, dismissed_at) VALUES (?1, ?2, ?3)",
            params![a.min(b), a.max(b), self.now().timestamp()],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_normal_forms() {
        assert_eq!(email_key("  Ana.Lima@Example.COM "), Some("ana.lima@example.com".into()));
        assert_eq!(email_key("mailto:ana@x.test"), Some("ana@x.test".into()));
        assert_eq!(email_key("n/a"), None);
        assert_eq!(email_key("@x.test"), None);
        assert_eq!(phone_digits("+44 (20) 7946-0958"), "+442079460958");
        assert_eq!(phone_key("+44 20 7946 0958"), phone_key("020 7946 0958"));
        assert_eq!(phone_key("0044 20 7946 0958"), Some("079460958".into()));
        assert_eq!(phone_key("555 1234"), Some("5551234".into()));
        assert_eq!(phone_key("ext. 123"), None);
        for url in [
            "https://www.linkedin.com/in/ana-lima/",
            "http://linkedin.com/in/ana-lima?trk=abc",
            "LINKEDIN.COM/in/Ana-Lima/details/experience/",
            "https://uk.linkedin.com/in/ana-lima",
        ] {
            assert_eq!(profile_key(url), "linkedin.com/in/ana-lima", "{url}");
        }
        assert_eq!(profile_key("https://twitter.com/ana/"), "x.com/ana");
        assert_eq!(fold_name("Lopez, Ana"), "ana lopez");
        assert_eq!(fold_name("  ANA   López "), "ana lopez");
        assert_eq!(fold_name("Seán O'Brien-Ó Dálaigh"), "dalaigh o obrien sean");
        assert_eq!(company_key("Acme Ltd."), Some("acme".into()));
        assert_eq!(company_key("  "), None);
    }

    #[test]
    fn imports_key_handles_by_the_same_rule() {
        use HandlePlatform::{Email, Linkedin, Phone, X};
        assert_eq!(handle_key(Phone, "+44 20 7946 0958", ""), handle_key(Phone, "020 7946 0958", ""));
        assert_eq!(handle_key(Phone, "ext 12", ""), "phone:12", "a short number is kept whole, matched by nothing else");
        assert_eq!(handle_key(Email, " Ana@X.test ", ""), "email:ana@x.test");
        assert_eq!(handle_key(Linkedin, "ana-lima", ""), handle_key(Linkedin, "https://uk.linkedin.com/in/ana-lima/?trk=x", ""));
        assert_eq!(handle_key(X, "@ana", ""), handle_key(X, "x", "https://twitter.com/ana"));
    }

    #[test]
    fn near_names() {
        assert!(names_near(&fold_name("Ana López"), &fold_name("Lopez, Ana")));
        assert!(names_near(&fold_name("Ana Lopez"), &fold_name("Ana Lopes")));
        assert!(names_near(&fold_name("Jonathan Smith"), &fold_name("Jonathon Smith")));
        assert!(!names_near(&fold_name("Ana Lima"), &fold_name("Ana Souza")));
        assert!(!names_near(&fold_name("Bo Li"), &fold_name("Bo Lu")), "short names must be equal");
        assert!(!names_near("", ""));
        for (a, b, near) in [("abc", "abd", true), ("abc", "ab", true), ("abc", "xabc", true), ("abc", "acb", false), ("abc", "abc", false)]
        {
            assert_eq!(one_edit_apart(a, b), near, "{a} {b}");
            assert_eq!(one_edit_apart(b, a), near, "{b} {a}");
        }
    }

    #[test]
    fn one_edit_apart_names_share_a_block() {
        let (a, b) = (name_blocks("ana lopez"), name_blocks("ana lopes"));
        assert!(a.iter().any(|k| b.contains(k)));
        let (a, b) = (name_blocks("ana lopez"), name_blocks("ana llopez"));
        assert!(a.iter().any(|k| b.contains(k)));
    }
}
