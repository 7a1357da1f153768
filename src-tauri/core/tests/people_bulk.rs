//! Acting on a selection in People: tag, untag, cadence, archive and restore, a
//! follow-up each; all of it or none of it, and what was done can be put back.

mod common;

use common::Fixture;
use rapport_core::agenda::FollowUpInput;
use rapport_core::people::{PeopleAction, PeopleQuery};
use rapport_core::vocab::FollowUpKind;

fn tags(f: &Fixture, id: i64) -> Vec<String> {
    f.diary.person(id).unwrap().tags
}

#[test]
fn a_tag_goes_on_everyone_chosen_once_and_comes_off_again() {
    let mut f = Fixture::new();
    let (ana, bo, cy) = (f.person("Ana"), f.person("Bo"), f.person("Cy"));
    f.diary.act_on_people(&[bo], &PeopleAction::Tag { tag: "Client".into() }).unwrap();
    let done = f.diary.act_on_people(&[ana, bo, ana], &PeopleAction::Tag { tag: " client ".into() }).unwrap();
    assert_eq!(done.changed, [ana], "Bo had it already, in another case; Ana is counted once");
    assert_eq!(done.message, "Tagged 1 person client.");
    assert_eq!(tags(&f, ana), ["Client"], "one tag, however it is typed");
    assert_eq!(tags(&f, bo), ["Client"]);
    assert!(tags(&f, cy).is_empty());
    // Search finds the new tag at once.
    let found = f.diary.people(&PeopleQuery { search: "client".into(), ..Default::default() }).unwrap();
    assert_eq!(found.total, 2);

    // The undo takes it off only those it was put on.
    f.diary.act_on_people(&done.changed, done.undo.as_ref().unwrap()).unwrap();
    assert!(tags(&f, ana).is_empty());
    assert_eq!(tags(&f, bo), ["Client"]);
    let off = f.diary.act_on_people(&[ana, bo], &PeopleAction::Untag { tag: "CLIENT".into() }).unwrap();
    assert_eq!((off.changed, off.message), (vec![bo], "Took the tag CLIENT off 1 person.".to_string()));
    assert!(f.diary.tags().unwrap().is_empty());
}

#[test]
fn archive_cadence_and_a_follow_up_each() {
    let mut f = Fixture::new();
    let (ana, bo) = (f.person("Ana Lima"), f.person("Bo Berg"));
    let archived = f.diary.act_on_people(&[ana, bo], &PeopleAction::Archive).unwrap();
    assert_eq!(archived.message, "Put 2 people in the archive.");
    assert_eq!(f.diary.people(&PeopleQuery::default()).unwrap().total, 0);
    f.diary.act_on_people(&archived.changed, archived.undo.as_ref().unwrap()).unwrap();
    assert_eq!(f.diary.people(&PeopleQuery::default()).unwrap().total, 2);

    let set = f.diary.act_on_people(&[ana, bo], &PeopleAction::SetCadence { days: Some(30) }).unwrap();
    assert_eq!(set.message, "Set 2 people to keep in touch every 30 days.");
    assert_eq!(f.diary.person(bo).unwrap().cadence_days, Some(30));
    let again = f.diary.act_on_people(&[ana], &PeopleAction::SetCadence { days: Some(30) }).unwrap();
    assert!(again.changed.is_empty(), "already so");
    f.diary.act_on_people(&[ana], &PeopleAction::SetCadence { days: None }).unwrap();
    assert_eq!(f.diary.person(ana).unwrap().cadence_days, None);

    let follow_up = FollowUpInput {
        person_id: None,
        touch_id: None,
        kind: FollowUpKind::Call,
        title: String::new(),
        notes: String::new(),
        due_date: serde_json::from_value(serde_json::json!("2026-04-02")).unwrap(),
        due_time: None,
    };
    let each = f.diary.act_on_people(&[ana, bo], &PeopleAction::FollowUp { follow_up }).unwrap();
    assert_eq!(each.message, "A follow-up for each of 2 people.");
    let titles: Vec<String> = [ana, bo].iter().map(|&id| f.diary.person_page(id).unwrap().follow_ups[0].title.clone()).collect();
    assert_eq!(titles, ["Call Ana Lima", "Call Bo Berg"]);
}

#[test]
fn a_bad_selection_or_value_changes_no_one() {
    let mut f = Fixture::new();
    let (ana, bo) = (f.person("Ana"), f.person("Bo"));
    let err = |f: &mut Fixture, ids: &[i64], action: PeopleAction| f.diary.act_on_people(ids, &action).unwrap_err().to_string();
    assert!(err(&mut f, &[], PeopleAction::Archive).contains("Choose who"));
    assert!(err(&mut f, &[ana, 4242], PeopleAction::Archive).contains("4242"));
    assert!(err(&mut f, &[ana], PeopleAction::Tag { tag: "  ".into() }).contains("Type the tag"));
    assert!(err(&mut f, &[ana], PeopleAction::Tag { tag: "x".repeat(61) }).contains("60"));
    assert!(err(&mut f, &[ana], PeopleAction::SetCadence { days: Some(0) }).contains("between 1 and"));
    f.diary.merge_people(ana, bo).unwrap();
    assert!(err(&mut f, &[ana, bo], PeopleAction::Archive).contains("merged into"));
    let bad_day = FollowUpInput {
        person_id: None,
        touch_id: None,
        kind: FollowUpKind::Call,
        title: String::new(),
        notes: String::new(),
        due_date: serde_json::from_value(serde_json::json!("2026-02-30")).unwrap(),
        due_time: None,
    };
    let cy = f.person("Cy");
    assert!(f.diary.act_on_people(&[ana, cy], &PeopleAction::FollowUp { follow_up: bad_day }).is_err());
    assert!(f.diary.person_page(ana).unwrap().follow_ups.is_empty(), "none added when one fails");
    assert!(f.diary.person(ana).unwrap().archived_at.is_none());
}
