//! The week's reflection: answers, the journal and "next week I will…" lines, kept per
//! week, and each line becoming a follow-up (with the person it names).

mod common;

use chrono::{NaiveDate, Weekday};
use chrono_tz::Europe::Berlin;
use common::{at, Fixture};
use rapport_core::storage::Settings;
use rapport_core::vocab::{FollowUpKind, FollowUpStatus};
use rapport_core::week::{IntentionFollowUp, PersonPick};
use rapport_core::Diary;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn the_reflection_is_kept_per_week_and_survives_reopening() {
    let mut f = Fixture::at(at(2026, 10, 23, 15, 0), Berlin);
    let week = day(2026, 10, 21);
    let r = f.diary.week_reflection(week).unwrap();
    assert_eq!(r.answers.len(), 5);
    assert_eq!(r.answers[3].prompt, "Did I pick up the phone instead of sending another message?");
    assert!(r.journal.is_empty() && r.intentions.is_empty() && r.updated_at.is_none());

    f.diary.save_week_journal(week, "  Good week.\n\nToo much scrolling on Thursday; <b>not</b> bold.  ").unwrap();
    f.diary.save_week_answer(week, "Did I say thank you?", "Yes — to Ana, for the referral 🙏", true).unwrap();
    f.diary.save_week_answer(week, "Did I write to a client?", "", true).unwrap();
    f.diary.add_week_intention(week, "Call Ana about the offer").unwrap();
    let r = f.diary.add_week_intention(day(2026, 10, 25), "Post less, write more").unwrap();
    assert_eq!(r.intentions.len(), 2, "any day of the week reaches the same reflection");

    let path = f.path();
    drop(f.diary);
    let mut diary =
        Diary::open_with_clock(&path, std::sync::Arc::new(rapport_core::clock::FixedClock { now: at(2026, 10, 23, 15, 0), tz: Berlin }))
            .unwrap();
    let r = diary.week_reflection(day(2026, 10, 19)).unwrap();
    assert_eq!(r.journal, "Good week.\n\nToo much scrolling on Thursday; <b>not</b> bold.");
    assert_eq!(r.updated_at, Some(at(2026, 10, 23, 15, 0)));
    let thanks = r.answers.iter().find(|a| a.prompt == "Did I say thank you?").unwrap();
    assert_eq!((thanks.answer.as_str(), thanks.ticked), ("Yes — to Ana, for the referral 🙏", true));
    assert!(r.answers.iter().find(|a| a.prompt == "Did I write to a client?").unwrap().ticked);
    let texts: Vec<&str> = r.intentions.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(texts, ["Call Ana about the offer", "Post less, write more"]);
    assert!(diary.week_reflection(day(2026, 10, 26)).unwrap().intentions.is_empty(), "the next week is its own");

    // An intention becomes a follow-up once, of the kind its first word names.
    let call = r.intentions[0].id;
    let made = diary.follow_up_from_intention(call, Some(day(2026, 10, 27)), None).unwrap().made().unwrap();
    assert_eq!((made.kind, made.title.as_str(), made.status), (FollowUpKind::Call, "Call Ana about the offer", FollowUpStatus::Open));
    assert_eq!(diary.follow_up_from_intention(call, Some(day(2026, 10, 28)), None).unwrap().made().unwrap().id, made.id);
    let r = diary.week_reflection(week).unwrap();
    assert_eq!((r.intentions[0].follow_up_id, r.intentions[0].follow_up_status), (Some(made.id), Some(FollowUpStatus::Open)));
    diary.complete_follow_up(made.id, None).unwrap();
    assert_eq!(diary.week_reflection(week).unwrap().intentions[0].follow_up_status, Some(FollowUpStatus::Done));

    // Unless told, an intention is due on the next week's first day (Monday 26 October).
    let r = diary.add_week_intention(week, "Write to Cy").unwrap();
    let write = r.intentions.iter().find(|i| i.text == "Write to Cy").unwrap().id;
    let made_by_default = diary.follow_up_from_intention(write, None, None).unwrap().made().unwrap();
    assert_eq!((made_by_default.kind, made_by_default.due_at), (FollowUpKind::Write, at(2026, 10, 25, 23, 0)));
    diary.delete_week_intention(write).unwrap();

    // Editing and deleting intentions; clearing an answer.
    let post = r.intentions[1].id;
    diary.update_week_intention(post, "Post less").unwrap();
    let r = diary.delete_week_intention(call).unwrap();
    assert_eq!(r.intentions.iter().map(|i| i.text.as_str()).collect::<Vec<_>>(), ["Post less"]);
    assert!(diary.follow_up(made.id).is_ok(), "the follow-up it became stays");
    let r = diary.save_week_answer(week, "Did I write to a client?", "", false).unwrap();
    assert!(!r.answers.iter().find(|a| a.prompt == "Did I write to a client?").unwrap().ticked);

    // A prompt taken out of the settings keeps its answer, after the current prompts.
    let mut settings = diary.settings().unwrap();
    settings.review_prompts.retain(|p| p != "Did I say thank you?");
    settings.review_prompts.push("Who surprised me?".into());
    diary.update_settings(settings).unwrap();
    let prompts: Vec<String> = diary.week_reflection(week).unwrap().answers.into_iter().map(|a| a.prompt).collect();
    assert_eq!(&prompts[4..], ["Who surprised me?", "Did I say thank you?"]);

    // Changing the day weeks start on does not hide what was written.
    diary.update_settings(Settings { week_starts_on: Weekday::Sun, ..diary.settings().unwrap() }).unwrap();
    assert_eq!(diary.week_reflection(day(2026, 10, 21)).unwrap().journal.lines().next(), Some("Good week."));
}

#[test]
fn bad_reflection_input_gets_a_clear_error_and_changes_nothing() {
    let mut f = Fixture::at(at(2026, 10, 23, 15, 0), Berlin);
    let week = day(2026, 10, 21);
    f.diary.save_week_journal(week, "Kept.").unwrap();
    let huge = "x".repeat(100_001);
    let err = f.diary.save_week_journal(week, &huge).unwrap_err();
    assert_eq!(err.to_string(), "The journal is too long: 100001 characters, the limit is 100000.");
    assert_eq!(f.diary.save_week_journal(week, "\0").unwrap_err().to_string(), "The journal contains a NUL character.");
    assert_eq!(f.diary.add_week_intention(week, "  ").unwrap_err().to_string(), "What you will do is required.");
    assert_eq!(
        f.diary.add_week_intention(week, "two\nlines").unwrap_err().to_string(),
        "What you will do must be one line, without tabs or control characters."
    );
    assert_eq!(f.diary.save_week_answer(week, "", "yes", true).unwrap_err().to_string(), "The question is required.");
    assert_eq!(f.diary.update_week_intention(999, "x").unwrap_err().kind(), "not_found");
    assert_eq!(f.diary.follow_up_from_intention(999, Some(week), None).unwrap_err().kind(), "not_found");
    let r = f.diary.add_week_intention(week, "Call Ana").unwrap();
    let err = f.diary.follow_up_from_intention(r.intentions[0].id, Some(day(2099, 1, 1)), None).unwrap_err();
    assert_eq!(err.field(), Some("due_date"));
    let r = f.diary.week_reflection(week).unwrap();
    assert_eq!((r.journal.as_str(), r.intentions[0].follow_up_id), ("Kept.", None));
    assert_eq!(f.diary.agenda().unwrap().next_days.len() + f.diary.agenda().unwrap().today.len(), 0, "no stray follow-up");

    let bad = |prompts: &[&str]| Settings { review_prompts: prompts.iter().map(|p| p.to_string()).collect(), ..Settings::default() };
    let err = f.diary.update_settings(bad(&["Same?", "same?"])).unwrap_err();
    assert_eq!(err.to_string(), "The question \"same?\" is there twice.");
    assert_eq!(f.diary.update_settings(bad(&["a\tb"])).unwrap_err().field(), Some("review_prompts"));
    let many: Vec<String> = (0..21).map(|i| format!("Question {i}?")).collect();
    let err = f.diary.update_settings(Settings { review_prompts: many, ..Settings::default() }).unwrap_err();
    assert_eq!(err.to_string(), "Ask at most 20 questions a week.");
    let saved = f.diary.update_settings(bad(&["  Keep me?  ", "", "   "])).unwrap();
    assert_eq!(saved.review_prompts, ["Keep me?"], "trimmed, blanks dropped");
}

#[test]
fn an_intention_that_names_someone_becomes_their_follow_up() {
    let mut f = Fixture::new();
    let ana = f.person("Ana Lima");
    f.person("Ana");
    let bo1 = f.person("Bo Berg");
    let bo2 = f.person("Bo Berg");
    f.person("Lima"); // a name inside another's is not a match for that other line
    let week = f.diary.week_bounds(NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()).unwrap().0;
    let mut made = |line: &str| {
        let r = f.diary.add_week_intention(week, line).unwrap();
        let id = r.intentions.iter().find(|i| i.text == line).unwrap().id;
        f.diary.follow_up_from_intention(id, None, None).unwrap().made().expect("no one to choose between").person.map(|p| p.id)
    };
    assert_eq!(made("Next week I will call ana lima about the rebrand"), Some(ana), "the longest name wins, in any case");
    assert_eq!(made("Write to Anastasia"), None, "a name is whole words");
    assert_eq!(made("Post less"), None);
    let _ = (bo1, bo2);
}

/// Adds `line` to this week's intentions and asks for its follow-up with `pick`.
fn follow_up_of(f: &mut Fixture, line: &str, pick: Option<PersonPick>) -> (i64, IntentionFollowUp) {
    let week = f.diary.week_bounds(NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()).unwrap().0;
    let r = f.diary.add_week_intention(week, line).unwrap();
    let id = r.intentions.iter().rev().find(|i| i.text == line).unwrap().id;
    (id, f.diary.follow_up_from_intention(id, None, pick).unwrap())
}

fn candidates(outcome: &IntentionFollowUp) -> Vec<i64> {
    match outcome {
        IntentionFollowUp::Choose { candidates } => candidates.iter().map(|c| c.id).collect(),
        IntentionFollowUp::Made { follow_up } => panic!("made {follow_up:?} without asking"),
    }
}

#[test]
fn an_intention_that_may_mean_several_people_asks_which_before_making_the_follow_up() {
    let mut f = Fixture::new();
    let (lima1, lima2, sousa) = (f.person("Ana Lima"), f.person("Ana Lima"), f.person("Ana Sousa"));
    let will = f.person("Will Berg");

    // Two people of the full name: those two are asked about, not Ana Sousa.
    let (id, outcome) = follow_up_of(&mut f, "Meet Ana Lima for lunch", None);
    assert_eq!(candidates(&outcome), [lima1, lima2]);
    let IntentionFollowUp::Choose { candidates: shown } = &outcome else { unreachable!() };
    assert_eq!(shown[0].display_name, "Ana Lima");
    let r = f.diary.week_reflection(NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()).unwrap();
    assert_eq!(r.intentions.iter().find(|i| i.id == id).unwrap().follow_up_id, None, "nothing made before the user chose");
    let made = f.diary.follow_up_from_intention(id, None, Some(PersonPick::Person(lima2))).unwrap().made().unwrap();
    assert_eq!(made.person.map(|p| p.id), Some(lima2), "the one picked");
    assert_eq!(f.diary.follow_up_from_intention(id, None, None).unwrap().made().unwrap().id, made.id, "asked again, the same follow-up");

    // A first name alone may mean anyone of that first name.
    let (_, outcome) = follow_up_of(&mut f, "Call Ana about the offer", None);
    assert_eq!(candidates(&outcome), [lima1, lima2, sousa]);
    let (id, _) = follow_up_of(&mut f, "Write to Ana", None);
    let made = f.diary.follow_up_from_intention(id, None, Some(PersonPick::NoOne)).unwrap().made().unwrap();
    assert_eq!(made.person, None, "no one, when the user says so");

    // A first name only counts written with its capital.
    let (_, outcome) = follow_up_of(&mut f, "I will call Will about the deck", None);
    assert_eq!(candidates(&outcome), [will]);
    let (_, outcome) = follow_up_of(&mut f, "next week i will post less", None);
    assert_eq!(outcome.made().unwrap().person, None);

    // A pick of someone not in the diary is refused, and nothing is made.
    let (id, _) = follow_up_of(&mut f, "Thank Ana Sousa and Ana Lima", None);
    assert!(f.diary.follow_up_from_intention(id, None, Some(PersonPick::Person(9999))).is_err());
    let r = f.diary.week_reflection(NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()).unwrap();
    assert_eq!(r.intentions.iter().find(|i| i.id == id).unwrap().follow_up_id, None);
}
