//! An archive through the diary: preview, apply, the ladder and nudges moved by the
//! history with its true dates, idempotence, the next month's export, undo.

mod common;

use std::path::{Path, PathBuf};

use common::{at, Fixture};
use rapport_core::transfer::archive::{read_path, ArchiveChoices, ArchiveReading, LeftOut, SourceChoices, ThreadChoice};
use rapport_core::vocab::NudgeKind;
use rapport_core::vocab::{Channel, Rung};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/archives").join(name)
}

fn reading(name: &str) -> ArchiveReading {
    read_path(&fixture(name), chrono_tz::UTC, true, |_| {}).unwrap()
}

fn person_named(f: &Fixture, name: &str) -> rapport_core::people::Person {
    let id: i64 = f.sql().query_row("SELECT id FROM person WHERE display_name = ?1", [name], |r| r.get(0)).unwrap();
    f.diary.person(id).unwrap()
}

fn count(f: &Fixture, sql: &str) -> i64 {
    f.sql().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn the_preview_says_who_is_matched_new_and_moved_and_writes_nothing() {
    let mut f = Fixture::new();
    let ana = f.person("Ana Lima");
    let preview = f.diary.preview_archive(&reading("linkedin"), &ArchiveChoices::default()).unwrap();
    let li = &preview.sources[0];
    assert_eq!(li.me.as_ref().unwrap().name, "Maya Chen");
    assert_eq!((li.people_matched, li.people_new, li.people_ambiguous), (1, 3, 0), "{:#?}", li.people);
    // Invitations 2, Ana's thread 5 (two that day: in and out), Tomás 1, the group 2,
    // the endorsement and the recommendation; spam left out.
    assert_eq!(li.touches_new, 12);
    let ana_row = li.people.iter().find(|p| p.name == "Ana Lima").unwrap();
    assert_eq!(
        (ana_row.status, ana_row.person_id, ana_row.rung, ana_row.since.as_deref()),
        ("matched", Some(ana), Some(Rung::Conversing), Some("2021-03-04"))
    );
    assert_eq!(
        (li.threads_left_out, li.threads_total),
        (1, 8),
        "spam left out; Ana, Tomás, the group, 2 invitations, an endorsement and a recommendation in"
    );
    assert_eq!((li.threads[0].title.as_str(), li.threads[0].left_out.is_some()), ("Crypto Riches", true));
    assert_eq!(li.threads[1].title, "Ana Lima", "then the largest conversation");
    assert_eq!(li.problems_total, 1);
    let moved: Vec<(Rung, usize)> = li.rung_moves.iter().map(|m| (m.rung, m.people)).collect();
    assert_eq!(moved, [(Rung::Connected, 1), (Rung::Conversing, 2)], "Dana connected; Ana and Tomás conversing");
    assert_eq!(count(&f, "SELECT count(*) FROM touch"), 0);
    assert_eq!(count(&f, "SELECT count(*) FROM person"), 1);
}

#[test]
fn applying_moves_the_ladder_with_true_dates_and_brings_the_phone_nudge() {
    let mut f = Fixture::new();
    let runs = f.diary.apply_archive(&reading("linkedin"), &ArchiveChoices::default()).unwrap();
    assert_eq!((runs.len(), runs[0].touches, runs[0].people), (1, 12, 4), "Ana, Tomás, Dana and Priya");
    let ana = person_named(&f, "Ana Lima");
    assert_eq!(ana.rung, Rung::Conversing);
    let history = f.diary.rung_history(ana.id).unwrap();
    let steps: Vec<(Rung, String)> = history.iter().map(|c| (c.to, c.changed_at.date_naive().to_string())).collect();
    assert!(
        steps.contains(&(Rung::Noticed, "2021-02-14".into())) && steps.contains(&(Rung::Connected, "2021-02-15".into())),
        "noticed at the invitation, connected the day LinkedIn says: {steps:?}"
    );
    let conversing = history.iter().find(|c| c.to == Rung::Conversing).unwrap();
    assert_eq!(conversing.changed_at, at(2021, 3, 4, 17, 30) + chrono::Duration::seconds(2));
    assert_eq!(conversing.reason, "Conversing since 2021-03-04, from the LinkedIn export");
    // Seven personal messages with Ana, never spoken: the nudge is there at once.
    let nudges = f.diary.person_nudges(ana.id).unwrap();
    assert!(nudges.iter().any(|n| n.kind == NudgeKind::PickUpThePhone), "{nudges:?}");
    assert_eq!(person_named(&f, "Priya Nair").rung, Rung::Noticed, "a group and a bare invitation are not a conversation");
    assert_eq!(person_named(&f, "Dana Okafor").rung, Rung::Connected);
    // Only who, when and how many: the words were not asked for.
    assert_eq!(count(&f, "SELECT count(*) FROM touch WHERE notes != ''"), 0);
    // Two messages to Ana on 12 March are one touch that stands for both.
    assert_eq!(count(&f, "SELECT sum(messages) FROM touch_source"), 13);
    assert_eq!(count(&f, "SELECT max(messages) FROM touch_source"), 2);
    // The timeline says where each touch came from.
    let touches = f.diary.touches(&rapport_core::touches::TouchQuery { person_id: Some(ana.id), ..Default::default() }).unwrap();
    let origins: Vec<Option<&str>> = touches.touches.iter().map(|t| t.origin.as_deref()).collect();
    assert!(origins.contains(&Some("2 messages, from the LinkedIn export")), "{origins:?}");
    assert!(origins.iter().all(|o| o.is_some_and(|o| o.ends_with("from the LinkedIn export"))));
}

#[test]
fn the_same_archive_twice_changes_nothing_and_next_months_adds_only_what_is_new() {
    let mut f = Fixture::new();
    f.diary.apply_archive(&reading("linkedin"), &ArchiveChoices::default()).unwrap();
    let before =
        (count(&f, "SELECT count(*) FROM touch"), count(&f, "SELECT count(*) FROM person"), count(&f, "SELECT count(*) FROM rung_change"));
    let again = f.diary.preview_archive(&reading("linkedin"), &ArchiveChoices::default()).unwrap();
    assert_eq!((again.sources[0].touches_new, again.sources[0].touches_already, again.sources[0].people_new), (0, 12, 0));
    f.diary.apply_archive(&reading("linkedin"), &ArchiveChoices::default()).unwrap();
    assert_eq!(
        before,
        (count(&f, "SELECT count(*) FROM touch"), count(&f, "SELECT count(*) FROM person"), count(&f, "SELECT count(*) FROM rung_change"))
    );

    // Next month's export: the same rows and one call-free new message from Tomás.
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("linkedin"), dir.path());
    let messages = dir.path().join("messages.csv");
    let mut text = std::fs::read_to_string(&messages).unwrap();
    text.push_str("2-cXJzdHV2d3h5eg==,,Tomás Ruiz,https://www.linkedin.com/in/tomas-ruiz-42,Maya Chen,https://www.linkedin.com/in/maya-chen-studio,2026-03-02 10:00:00 UTC,,Still keen,INBOX,,No\n");
    std::fs::write(&messages, text).unwrap();
    let next = read_path(dir.path(), chrono_tz::UTC, false, |_| {}).unwrap();
    let runs = f.diary.apply_archive(&next, &ArchiveChoices::default()).unwrap();
    assert_eq!((runs[0].touches, runs[0].people), (1, 0));
}

#[test]
fn a_touch_logged_by_hand_that_day_is_not_added_again() {
    let mut f = Fixture::new();
    let ana = f.person("Ana Lima");
    f.touch(ana, Channel::DirectMessage, at(2021, 3, 10, 20, 0), |t| t.direction = rapport_core::vocab::Direction::In);
    let preview = f.diary.preview_archive(&reading("linkedin"), &ArchiveChoices::default()).unwrap();
    assert_eq!((preview.sources[0].touches_new, preview.sources[0].touches_typed), (11, 1));
}

#[test]
fn undo_takes_the_import_back_and_keeps_what_the_user_did() {
    let mut f = Fixture::new();
    let ana = f.person("Ana Lima");
    f.touch(ana, Channel::Phone, at(2026, 3, 1, 10, 0), |_| {});
    let snapshot = |f: &Fixture| {
        (
            count(f, "SELECT count(*) FROM touch"),
            count(f, "SELECT count(*) FROM person"),
            count(f, "SELECT count(*) FROM rung_change"),
            f.diary.person(ana).unwrap().rung,
            count(f, "SELECT coalesce(sum(personal), 0) FROM touch_hour"),
        )
    };
    let before = snapshot(&f);
    let run = f.diary.apply_archive(&reading("linkedin"), &ArchiveChoices::default()).unwrap().remove(0);
    // The user touches Tomás, whom the import added: he stays when it is undone.
    let tomas = person_named(&f, "Tomás Ruiz").id;
    f.touch(tomas, Channel::Phone, at(2026, 3, 30, 10, 0), |_| {});
    let undone = f.diary.undo_import(run.id).unwrap();
    assert_eq!((undone.touches_removed, undone.people_removed, undone.people_kept), (12, 2, 1));
    assert!(undone.run.undone_at.is_some());
    let after = snapshot(&f);
    assert_eq!((after.0, after.1, after.3), (before.0 + 1, before.1 + 1, before.3), "Ana's rung and touch are as they were");
    assert_eq!(f.diary.person(tomas).unwrap().rung, Rung::Spoken, "his call moved him; the import's moves are gone");
    let err = f.diary.undo_import(run.id).unwrap_err();
    assert!(err.to_string().contains("already undone"), "{err}");
    assert_eq!(f.diary.import_runs().unwrap().len(), 1);
}

#[test]
fn choices_leave_people_and_threads_out_and_keep_words_when_asked() {
    let mut f = Fixture::new();
    let read = reading("linkedin");
    let mut choices = ArchiveChoices::default();
    choices.sources.insert(
        read.sources[0].source,
        SourceChoices {
            skip_people: vec!["linkedin.com/in/priya-nair".into()],
            include_spam: true,
            keep_words: true,
            ..SourceChoices::default()
        },
    );
    let runs = f.diary.apply_archive(&read, &choices).unwrap();
    assert_eq!(count(&f, "SELECT count(*) FROM person WHERE display_name = 'Priya Nair'"), 0);
    assert_eq!(count(&f, "SELECT count(*) FROM person WHERE display_name = 'Crypto Riches'"), 1, "spam asked for");
    assert!(runs[0].words_kept);
    let notes: String =
        f.sql().query_row("SELECT group_concat(notes, '|') FROM touch WHERE notes LIKE '%brief%'", [], |r| r.get(0)).unwrap();
    assert!(notes.contains("Send me the brief, <b>happy</b> to look."), "markup kept as text: {notes}");
    let same_day: String = f.sql().query_row("SELECT notes FROM touch WHERE notes LIKE 'Brief%'", [], |r| r.get(0)).unwrap();
    assert_eq!(same_day, "Brief attached.\nAnd the moodboard.", "one touch for the day's two messages");
}

#[test]
fn each_left_out_conversation_says_why_and_which_choice_its_box_is() {
    // A WhatsApp group of twelve: the user and eleven others, off until asked.
    let dir = tempfile::tempdir().unwrap();
    let mut chat = String::new();
    for i in 0..12 {
        chat.push_str(&format!("3/{}/26, 10:{i:02} - Member {i}: Hello from {i}\n", i + 1));
    }
    std::fs::write(dir.path().join("WhatsApp Chat with Team offsite.txt"), chat).unwrap();
    let f = Fixture::new();
    let group = read_path(dir.path(), chrono_tz::UTC, true, |_| {}).unwrap();
    let preview = f.diary.preview_archive(&group, &ArchiveChoices::default()).unwrap();
    let thread = &preview.sources[0].threads[0];
    assert_eq!(thread.left_out, Some(LeftOut::LargeGroup));
    assert_eq!(
        (thread.why.as_deref(), thread.choice),
        (Some(format!("a group of {}", thread.people).as_str()), ThreadChoice::IncludeThread)
    );
    assert!(thread.people >= 11, "{thread:?}");
    assert_eq!(preview.sources[0].touches_new, 0, "a large group adds nothing until asked");
    // Ticked: its key in include_threads, and its messages come in.
    let mut choices = ArchiveChoices::default();
    let source = SourceChoices { include_threads: vec![thread.key.clone()], ..SourceChoices::default() };
    choices.sources.insert(preview.sources[0].source, source);
    let asked = f.diary.preview_archive(&group, &choices).unwrap();
    assert_eq!((asked.sources[0].threads[0].left_out, asked.sources[0].threads[0].why.clone()), (None, None));
    assert_eq!(asked.sources[0].threads[0].choice, ThreadChoice::IncludeThread, "clearing it leaves it out again");
    assert!(asked.sources[0].touches_new > 0);

    // LinkedIn's spam comes in all together; a conversation cleared is left out by the user.
    let read = reading("linkedin");
    let preview = f.diary.preview_archive(&read, &ArchiveChoices::default()).unwrap();
    let spam = &preview.sources[0].threads[0];
    assert_eq!((spam.why.as_deref(), spam.choice), (Some("spam or a message request"), ThreadChoice::IncludeSpam));
    let ana = preview.sources[0].threads.iter().find(|t| t.title == "Ana Lima").unwrap();
    assert_eq!((ana.why.as_deref(), ana.choice), (None, ThreadChoice::SkipThread));
    let mut choices = ArchiveChoices::default();
    choices.sources.insert(read.sources[0].source, SourceChoices { skip_threads: vec![ana.key.clone()], ..SourceChoices::default() });
    let skipped = f.diary.preview_archive(&read, &choices).unwrap();
    let ana = skipped.sources[0].threads.iter().find(|t| t.title == "Ana Lima").unwrap();
    assert_eq!((ana.left_out, ana.why.as_deref(), ana.choice), (Some(LeftOut::Skipped), Some("left out by you"), ThreadChoice::SkipThread));
}

#[test]
fn who_the_user_is_can_be_corrected_and_is_remembered() {
    let mut f = Fixture::new();
    let read = reading("linkedin");
    let mut choices = ArchiveChoices::default();
    let ana_key = "linkedin.com/in/ana-lima".to_owned();
    choices.sources.insert(read.sources[0].source, SourceChoices { me: ana_key.clone(), ..SourceChoices::default() });
    let preview = f.diary.preview_archive(&read, &choices).unwrap();
    assert_eq!(preview.sources[0].me.as_ref().unwrap().name, "Ana Lima");
    assert!(preview.sources[0].people.iter().any(|p| p.name == "Maya Chen"));
    f.diary.apply_archive(&read, &choices).unwrap();
    let remembered = f.diary.preview_archive(&read, &ArchiveChoices::default()).unwrap();
    assert_eq!(remembered.sources[0].me.as_ref().unwrap().key, ana_key);
}

#[test]
fn two_people_of_one_name_wait_for_the_user_to_pick() {
    let mut f = Fixture::new();
    f.person("Priya Nair");
    let second = f.person("Priya Nair");
    let read = reading("linkedin");
    let preview = f.diary.preview_archive(&read, &ArchiveChoices::default()).unwrap();
    let priya = preview.sources[0].people.iter().find(|p| p.name == "Priya Nair").unwrap();
    assert_eq!((priya.status, priya.candidates.len()), ("ambiguous", 2));
    let mut choices = ArchiveChoices::default();
    let mut source = SourceChoices::default();
    source.assign.insert(priya.key.clone(), second);
    choices.sources.insert(read.sources[0].source, source);
    f.diary.apply_archive(&read, &choices).unwrap();
    assert_eq!(count(&f, &format!("SELECT count(*) FROM touch_person WHERE person_id = {second}")), 3);
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

#[test]
fn an_archive_read_without_its_words_keeps_none_and_refuses_to_keep_them() {
    let mut f = Fixture::new();
    let bare = read_path(&fixture("linkedin"), chrono_tz::UTC, false, |_| {}).unwrap();
    assert!(bare.sources[0].messages.iter().all(|m| m.text.is_empty()), "only who, when and how many in memory");
    let mut choices = ArchiveChoices::default();
    choices.sources.insert(bare.sources[0].source, SourceChoices { keep_words: true, ..SourceChoices::default() });
    let err = f.diary.apply_archive(&bare, &choices).unwrap_err();
    assert!(err.to_string().contains("read without the messages' words"), "{err}");
    assert_eq!(count(&f, "SELECT count(*) FROM touch"), 0);
}

#[test]
fn two_sources_in_one_archive_make_one_person_of_someone_in_both() {
    let mut f = Fixture::new();
    let x = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/archives/x/data");
    let tweets = br#"window.YTD.tweets.part0 = [{"tweet":{"id_str":"1","created_at":"Sat Aug 12 16:10:37 +0000 2023","full_text":"@analima thanks","in_reply_to_user_id_str":"999","in_reply_to_screen_name":"analima","entities":{"user_mentions":[{"name":"Ana Lima","screen_name":"analima","id_str":"999"}]}}}]"#;
    let parts = vec![
        (
            "messages.csv".to_owned(),
            b"FROM,TO,DATE,SUBJECT,CONTENT,DIRECTION,FOLDER\nAna Lima,Me,2019-11-07T10:00:00,,Hello,INCOMING,INBOX\nMe,Ana Lima,2019-11-07T11:00:00,,Hi,OUTGOING,INBOX\n".to_vec(),
        ),
        ("data/account.js".to_owned(), std::fs::read(x.join("account.js")).unwrap()),
        ("data/tweets.js".to_owned(), tweets.to_vec()),
    ];
    let archive = rapport_core::transfer::archive::Archive::from_parts("takeout.zip", parts);
    let sources = rapport_core::transfer::archive::read(&archive).unwrap();
    assert_eq!(sources.len(), 2, "LinkedIn and X");
    let reading = ArchiveReading { name: "takeout.zip".into(), fingerprint: archive.fingerprint(), sources, words: false };
    let runs = f.diary.apply_archive(&reading, &ArchiveChoices::default()).unwrap();
    assert_eq!((runs[0].people, runs[1].people), (1, 0), "added by the first source, found by the second");
    assert_eq!(count(&f, "SELECT count(*) FROM person WHERE display_name = 'Ana Lima'"), 1);
    assert_eq!(count(&f, "SELECT count(*) FROM touch_person"), 3, "her LinkedIn message, the answer, and the reply on X");
}
