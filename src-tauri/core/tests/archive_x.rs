//! X's archive: the account file names the user, direct messages one-to-one and in
//! groups, tweets' replies and mentions as public touches, and ids the archive cannot
//! name kept as "unknown account …" rather than dropped.

mod common;

use std::path::{Path, PathBuf};

use common::Fixture;
use rapport_core::transfer::archive::{read, read_path, Archive, ArchiveChoices, ArchiveSource};
use rapport_core::vocab::{Channel, Rung};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/archives/x")
}

#[test]
fn the_archive_names_the_user_and_everyone_it_can() {
    let read = read(&Archive::open(&fixture()).unwrap()).unwrap().remove(0);
    assert_eq!(read.source, ArchiveSource::X);
    assert_eq!(read.parties[read.selves[0]].name, "Maya Chen");
    let named = |key: &str| read.parties.iter().find(|p| p.key == key).map(|p| p.name.clone());
    assert_eq!(named("x:222222222").as_deref(), Some("Jonas Berg"), "named from a mention in tweets.js");
    assert_eq!(named("x:333333333").as_deref(), Some("unknown account 333333333"));
    assert_eq!(named("x:666666666").as_deref(), Some("Léa Martin"));
    let jonas = read.parties.iter().find(|p| p.key == "x:222222222").unwrap();
    assert_eq!(jonas.handles[0].value, "@jonas_builds");
    let dms = read.messages.iter().filter(|m| m.channel == Channel::DirectMessage).count();
    let public = read.messages.iter().filter(|m| m.channel == Channel::PublicPost).count();
    assert_eq!((dms, public), (5, 2), "a retweet is not a touch");
    let group = read.threads.iter().find(|t| t.key == "1600000000000000000").unwrap();
    assert_eq!(group.participants.len(), 3, "the snapshot's three, the one who left included");
    assert!(read.problems.is_empty(), "{:?}", read.problems);
}

#[test]
fn a_part_cut_short_is_named_and_the_other_parts_still_read() {
    let dm = std::fs::read(fixture().join("data/direct-messages.js")).unwrap();
    let account = std::fs::read(fixture().join("data/account.js")).unwrap();
    let archive = Archive::from_parts(
        "twitter.zip",
        vec![("data/account.js".into(), account), ("data/direct-messages.js".into(), dm[..dm.len() / 2].to_vec())],
    );
    let read = read(&archive).unwrap().remove(0);
    assert_eq!(read.problems.len(), 1);
    assert_eq!(read.problems[0].part, "data/direct-messages.js");
    assert!(read.problems[0].reason.contains("cut short"), "{}", read.problems[0].reason);
}

#[test]
fn an_x_archive_moves_jonas_to_conversing_and_keeps_the_unknown_account() {
    let mut f = Fixture::new();
    let reading = read_path(&fixture(), chrono_tz::UTC, false, |_| {}).unwrap();
    let runs = f.diary.apply_archive(&reading, &ArchiveChoices::default()).unwrap();
    // Jonas: 3 DM days + 1 group message + 1 reply; the unknown account 1; Léa 1 mention.
    assert_eq!((runs[0].touches, runs[0].people), (7, 3), "Jonas, the unknown account and Léa; the group's silent third is no one's touch");
    let rung: Rung = f.sql().query_row("SELECT rung FROM person WHERE display_name = 'Jonas Berg'", [], |r| r.get(0)).unwrap();
    assert_eq!(rung, Rung::Conversing);
    let unknown: i64 =
        f.sql().query_row("SELECT count(*) FROM person WHERE display_name = 'unknown account 333333333'", [], |r| r.get(0)).unwrap();
    assert_eq!(unknown, 1);
    // Named by the user, the account is still the same person next time.
    f.sql().execute("UPDATE person SET display_name = 'Ines Duarte' WHERE display_name = 'unknown account 333333333'", []).unwrap();
    let again = f.diary.preview_archive(&reading, &ArchiveChoices::default()).unwrap();
    assert_eq!((again.sources[0].people_new, again.sources[0].touches_new), (0, 0));
}
