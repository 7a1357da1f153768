//! Which window is which platform.
//!
//! The pattern language is deliberately small: alternatives separated by `|`, each a
//! piece of text matched case-insensitively, as whole words, anywhere in the window's
//! title or its application class. "linkedin" matches "Feed | LinkedIn — Mozilla
//! Firefox" but not "linkedinsider"; "/ x" matches "(3) Home / X — Chromium" but not
//! "Docs / xyz". No regex: a user's rule cannot be slow or cryptic, and what it matches
//! can be checked against ordinary windows before it is saved.
//!
//! The rules are one setting (`watch_rules`, the built-in list until edited). Matching
//! keeps nothing: an unmatched title is never stored or logged.

use serde::{Deserialize, Serialize};

use crate::storage::diary::Diary;
use crate::storage::error::{Error, Result};
use crate::time::sessions::Platform;

/// The setting that holds the edited rules; absent means the built-in ones.
const KEY: &str = "watch_rules";

/// The longest pattern, in characters.
pub const MAX_PATTERN: usize = 200;

/// The most rules a diary keeps.
pub const MAX_RULES: usize = 100;

/// One rule: windows whose title or class match `pattern` are time on `platform`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchRule {
    /// A platform key from the platform list.
    pub platform: String,
    pub pattern: String,
}

/// Platforms' own windows: browser titles end in the site's name, desktop apps set a class.
const BUILT_IN: &[(&str, &str)] = &[
    ("linkedin", "linkedin"),
    ("x", "/ x|twitter|x.com"),
    ("facebook", "facebook|messenger|caprine"),
    ("instagram", "instagram"),
    ("email", "- gmail|- outlook|thunderbird|proton mail|fastmail"),
];

/// Windows every desktop has: a rule matching one of these would match every site in that
/// browser, or every terminal, so it would measure everything.
const ORDINARY_WINDOWS: &[&str] = &[
    "New Tab — Mozilla Firefox",
    "Mozilla Firefox Private Browsing",
    "New Tab - Google Chrome",
    "New Tab - Chromium",
    "New Tab - Brave",
    "Terminal",
    "Files",
    "Untitled Document 1 - gedit",
    "main.rs - Visual Studio Code",
    "firefox",
    "Navigator",
    "chromium",
    "google-chrome",
    "gnome-terminal-server",
    "org.gnome.Nautilus",
];

/// The built-in rules, for a new diary and for "reset".
pub fn built_in_rules() -> Vec<WatchRule> {
    BUILT_IN.iter().map(|(platform, pattern)| WatchRule { platform: (*platform).into(), pattern: (*pattern).into() }).collect()
}

/// A pattern's alternatives, trimmed and lower-cased.
fn alternatives(pattern: &str) -> Vec<String> {
    pattern.split('|').map(|a| a.trim().to_lowercase()).collect()
}

/// Whether `needle` (lower-cased) is in `haystack` (lower-cased) as whole words: a letter or
/// digit at either end of the needle may not continue a word of the haystack.
fn contains_words(haystack: &str, needle: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let (first, last) = (needle.chars().next(), needle.chars().next_back());
    haystack.match_indices(needle).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + needle.len()..].chars().next();
        let cuts_a_word = (word(first) && word(before)) || (word(last) && word(after));
        !cuts_a_word
    })
}

/// Rules ready to match: each platform's alternatives, in the rules' order.
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    rules: Vec<(String, Vec<String>)>,
}

impl Matcher {
    /// Rules for platforms no longer in the list match nothing.
    pub fn new(rules: &[WatchRule], platforms: &[Platform]) -> Matcher {
        let rules = rules
            .iter()
            .filter(|r| platforms.iter().any(|p| p.key == r.platform))
            .map(|r| (r.platform.clone(), alternatives(&r.pattern).into_iter().filter(|a| !a.is_empty()).collect()))
            .collect();
        Matcher { rules }
    }

    /// The platform of the first rule matching the window's title or class.
    pub fn platform_of(&self, title: &str, class: &str) -> Option<&str> {
        let (title, class) = (title.to_lowercase(), class.to_lowercase());
        self.rules
            .iter()
            .find(|(_, alts)| alts.iter().any(|a| contains_words(&title, a) || contains_words(&class, a)))
            .map(|(platform, _)| platform.as_str())
    }
}

/// The first thing wrong with `rules`, naming the rule: "Rule 2 (LinkedIn) is empty."
fn check(rules: &[WatchRule], platforms: &[Platform]) -> Result<()> {
    let bad = |message: String| Err(Error::invalid("rules", message));
    if rules.len() > MAX_RULES {
        return bad(format!("Keep at most {MAX_RULES} rules."));
    }
    let mut seen: Vec<(String, String)> = Vec::new();
    for (i, rule) in rules.iter().enumerate() {
        let n = i + 1;
        let Some(platform) = platforms.iter().find(|p| p.key == rule.platform) else {
            return bad(format!("Rule {n} is for {:?}, which is not a platform in the list.", rule.platform));
        };
        let name = format!("Rule {n} ({})", platform.label);
        let pattern = rule.pattern.trim();
        if pattern.is_empty() {
            return bad(format!("{name} is empty: write a word its windows' titles contain, such as {:?}.", platform.label));
        }
        if pattern.chars().count() > MAX_PATTERN {
            return bad(format!("{name} is longer than {MAX_PATTERN} characters."));
        }
        if pattern.chars().any(char::is_control) {
            return bad(format!("{name} must be one line."));
        }
        for alt in alternatives(pattern) {
            if alt.is_empty() {
                return bad(format!("{name} has nothing between two | signs, which would match every window."));
            }
            if !alt.chars().any(char::is_alphanumeric) {
                return bad(format!("{name}: {alt:?} has no letter or digit, so it would match almost every window."));
            }
            if let Some(window) = ORDINARY_WINDOWS.iter().find(|w| contains_words(&w.to_lowercase(), &alt)) {
                return bad(format!("{name}: {alt:?} would match every window like {window:?}, not just {}.", platform.label));
            }
            if let Some((_, owner)) = seen.iter().find(|(a, _)| *a == alt) {
                return bad(format!("{name}: {alt:?} is already in {owner}."));
            }
            seen.push((alt, name.clone()));
        }
    }
    Ok(())
}

impl Diary {
    /// The rules in use: the edited ones, or the built-in ones.
    pub fn watch_rules(&self) -> Result<Vec<WatchRule>> {
        let stored = self.state(KEY)?;
        // An unreadable value keeps the built-in rules, as an unreadable setting keeps its default.
        Ok(stored.and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_else(built_in_rules))
    }

    /// Replaces every rule after checking them all; a bad rule saves nothing.
    pub fn set_watch_rules(&mut self, rules: &[WatchRule]) -> Result<Vec<WatchRule>> {
        check(rules, &self.platforms()?)?;
        let rules: Vec<WatchRule> =
            rules.iter().map(|r| WatchRule { platform: r.platform.clone(), pattern: r.pattern.trim().to_owned() }).collect();
        self.set_state(KEY, &serde_json::to_string(&rules).expect("rules serialize"))?;
        Ok(rules)
    }

    /// Back to the built-in rules.
    pub fn reset_watch_rules(&mut self) -> Result<Vec<WatchRule>> {
        self.conn.execute("DELETE FROM setting WHERE key = ?1", [KEY])?;
        self.watch_rules()
    }

    /// The platform a window counts for, for Settings' live "the current window matches" line
    /// and for the watcher's samples. `None` for every other window.
    pub fn window_matches(&self, title: &str, class: &str) -> Result<Option<String>> {
        let matcher = Matcher::new(&self.watch_rules()?, &self.platforms()?);
        Ok(matcher.platform_of(title, class).map(str::to_owned))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_match_whole_at_their_letter_ends_only() {
        assert!(contains_words("feed | linkedin — mozilla firefox", "linkedin"));
        assert!(contains_words("(3) home / x — chromium", "/ x"));
        assert!(!contains_words("docs / xyz — chromium", "/ x"));
        assert!(!contains_words("linkedinsider", "linkedin"));
        assert!(contains_words("linkedin.com", "linkedin"));
    }

    #[test]
    fn the_built_in_rules_pass_their_own_checks() {
        let platforms: Vec<Platform> =
            ["x", "linkedin", "facebook", "instagram", "email"].map(|k| Platform { key: k.into(), label: k.into() }).to_vec();
        check(&built_in_rules(), &platforms).unwrap();
    }
}
