//! The channel rules live in Rust (`Channel::is_written` and its kin); SQL repeats them
//! as `channel IN (...)` lists in the schema's triggers, in migrations and in queries.
//! This test fails when any such list is not exactly one of the rules.

use std::collections::BTreeSet;

use crate::storage::diary::Diary;
use crate::touches::figures;
use crate::vocab::Channel;

/// The rules an SQL list may spell out, by name.
fn rules() -> Vec<(&'static str, BTreeSet<Channel>)> {
    let of = |wanted: fn(Channel) -> bool| Channel::ALL.iter().copied().filter(|c| wanted(*c)).collect();
    vec![
        ("written", of(Channel::is_written)),
        ("voice", of(Channel::is_voice)),
        ("face to face", of(Channel::is_face_to_face)),
        ("spoken", of(Channel::is_spoken)),
        ("every channel (the schema's CHECK)", of(|_| true)),
    ]
}

/// Every `channel IN (...)` list in `sql`, as channels; an unknown name fails the test.
fn lists_in(sql: &str) -> Vec<BTreeSet<Channel>> {
    let squeezed: String = sql.split_whitespace().collect::<Vec<_>>().join(" ");
    squeezed
        .match_indices("channel IN (")
        .map(|(at, needle)| {
            let rest = &squeezed[at + needle.len()..];
            let inside = &rest[..rest.find(')').expect("a list closes")];
            inside
                .split(',')
                .map(|name| {
                    let name = name.trim().trim_matches('\'');
                    Channel::parse(name).unwrap_or_else(|| panic!("{name:?} is no channel, in {inside:?}"))
                })
                .collect()
        })
        .collect()
}

/// The name of the rule `list` spells, if any.
fn rule_of(list: &BTreeSet<Channel>) -> Option<&'static str> {
    rules().into_iter().find(|(_, rule)| rule == list).map(|(name, _)| name)
}

#[test]
fn each_channel_is_written_voice_or_face_to_face_and_exactly_one() {
    for &channel in Channel::ALL {
        let kinds = [channel.is_written(), channel.is_voice(), channel.is_face_to_face()];
        assert_eq!(kinds.iter().filter(|k| **k).count(), 1, "{channel} is {kinds:?}");
        assert_eq!(channel.is_spoken(), !channel.is_written(), "{channel}");
    }
}

#[test]
fn every_sql_channel_list_is_one_of_the_rust_rules() {
    let dir = tempfile::tempdir().unwrap();
    let diary = Diary::open(dir.path().join("d.sqlite3")).unwrap();
    let mut sources: Vec<(String, String)> = diary
        .conn
        .prepare("SELECT type || ' ' || name, sql FROM sqlite_master WHERE sql IS NOT NULL")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    sources.extend(figures::statements().iter().enumerate().map(|(i, sql)| (format!("figures statement {i}"), sql.clone())));
    // Migrations from 0005 on: the earlier ones are history, corrected by 0005.
    sources.push(("migration 0005".into(), include_str!("../../migrations/0005_letters_are_written.sql").into()));

    let mut seen = 0;
    for (source, sql) in &sources {
        for list in lists_in(sql) {
            seen += 1;
            assert!(rule_of(&list).is_some(), "{source}: channel IN {list:?} is none of the rules {:?}", rules());
        }
    }
    assert!(seen >= 8, "found only {seen} channel lists: the search is broken");

    // What each place must count, not merely some rule.
    let trigger = sources.iter().find(|(name, _)| name == "trigger touch_hour_insert").expect("the hourly tally's trigger");
    assert_eq!(lists_in(&trigger.1).iter().map(|l| rule_of(l).unwrap()).collect::<Vec<_>>(), ["spoken"]);
    let refresh: Vec<_> = figures::statements().iter().flat_map(|s| lists_in(s)).map(|l| rule_of(&l).unwrap()).collect();
    assert_eq!(refresh, ["voice", "face to face", "spoken", "written"]);
    let migration = &sources.last().unwrap().1;
    assert_eq!(lists_in(migration).iter().map(|l| rule_of(l).unwrap()).collect::<Vec<_>>(), ["written"]);
}
