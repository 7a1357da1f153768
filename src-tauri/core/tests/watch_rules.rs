//! Which window is which platform: the built-in rules, edited rules, and each way a rule
//! is refused (with nothing saved).

mod common;

use common::Fixture;
use rapport_core::time::watch::{built_in_rules, WatchRule, MAX_PATTERN};

fn rule(platform: &str, pattern: &str) -> WatchRule {
    WatchRule { platform: platform.into(), pattern: pattern.into() }
}

#[test]
fn the_built_in_rules_know_the_platforms_windows_and_nothing_else() {
    let f = Fixture::new();
    let cases = [
        ("Feed | LinkedIn — Mozilla Firefox", "firefox", Some("linkedin")),
        ("(3) Home / X — Chromium", "chromium", Some("x")),
        ("Ana Lima on X: \"see you\" / X - Google Chrome", "google-chrome", Some("x")),
        ("Twitter", "", Some("x")),
        ("Facebook", "firefox", Some("facebook")),
        ("Ana Lima", "Caprine", Some("facebook")),
        ("Instagram • Photos", "chromium", Some("instagram")),
        ("Inbox (3) - ana@acme.test - Gmail — Mozilla Firefox", "firefox", Some("email")),
        ("Inbox - Mozilla Thunderbird", "thunderbird", Some("email")),
        ("Docs / xyz — Chromium", "chromium", None),
        ("The LinkedInsider newsletter — Mozilla Firefox", "firefox", None),
        ("New Tab — Mozilla Firefox", "firefox", None),
        ("main.rs - Visual Studio Code", "code", None),
    ];
    for (title, class, platform) in cases {
        assert_eq!(f.diary.window_matches(title, class).unwrap().as_deref(), platform, "{title:?} / {class:?}");
    }
}

#[test]
fn edited_rules_are_kept_match_case_insensitively_and_reset_to_the_built_in_ones() {
    let mut f = Fixture::new();
    f.diary.add_platform("Mastodon").unwrap();
    let mut rules = built_in_rules();
    rules.push(rule("mastodon", "  Mastodon | mstdn.social "));
    let saved = f.diary.set_watch_rules(&rules).unwrap();
    assert_eq!(saved.last().unwrap().pattern, "Mastodon | mstdn.social", "trimmed");
    let diary = rapport_core::Diary::open(f.path()).unwrap();
    assert_eq!(diary.window_matches("Home | MASTODON — Firefox", "").unwrap().as_deref(), Some("mastodon"));
    assert_eq!(diary.window_matches("Notifications - mstdn.social", "").unwrap().as_deref(), Some("mastodon"));
    drop(diary);

    // An archived platform's rules match nothing.
    f.diary.archive_platform("mastodon").unwrap();
    assert_eq!(f.diary.window_matches("Home | Mastodon", "").unwrap(), None);

    assert_eq!(f.diary.reset_watch_rules().unwrap(), built_in_rules());
}

#[test]
fn a_bad_rule_gets_an_error_naming_it_and_nothing_is_saved() {
    let mut f = Fixture::new();
    let long = "a".repeat(MAX_PATTERN + 1);
    let cases: [(WatchRule, &str); 8] = [
        (rule("linkedin", "  "), "Rule 2 (LinkedIn) is empty"),
        (rule("myspace", "myspace"), "Rule 2 is for \"myspace\", which is not a platform in the list."),
        (rule("linkedin", "lnkd|"), "Rule 2 (LinkedIn) has nothing between two | signs, which would match every window."),
        (rule("linkedin", " — "), "Rule 2 (LinkedIn): \"—\" has no letter or digit"),
        (rule("linkedin", "lnkd|Firefox"), "Rule 2 (LinkedIn): \"firefox\" would match every window like"),
        (rule("linkedin", &long), "Rule 2 (LinkedIn) is longer than 200 characters."),
        (rule("x", "TWITTER"), "Rule 2 (X): \"twitter\" is already in Rule 1 (X)."),
        (rule("linkedin", "a\nb"), "Rule 2 (LinkedIn) must be one line."),
    ];
    let before = f.diary.watch_rules().unwrap();
    for (bad, message) in cases {
        let first = if bad.pattern == "TWITTER" { rule("x", "twitter") } else { rule("linkedin", "linkedin") };
        let err = f.diary.set_watch_rules(&[first, bad.clone()]).unwrap_err();
        assert_eq!((err.kind(), err.field()), ("invalid", Some("rules")), "{bad:?}");
        assert!(err.to_string().starts_with(message), "{bad:?}: {err}");
        assert_eq!(f.diary.watch_rules().unwrap(), before, "nothing saved for {bad:?}");
    }
}
