//! Search as you type: names, companies, titles, handles, tags, notes and touch notes,
//! accents and case ignored, with the matches marked.

mod common;

use common::{at, Fixture};
use rapport_core::people::{NewHandle, PeopleQuery, PersonEdit};
use rapport_core::vocab::{Channel, HandlePlatform};

fn search(f: &Fixture, words: &str) -> Vec<(String, Option<String>, Option<String>)> {
    f.diary
        .people(&PeopleQuery { search: words.into(), ..Default::default() })
        .unwrap()
        .people
        .into_iter()
        .map(|p| (p.display_name, p.name_marked, p.matched))
        .collect()
}

fn names(f: &Fixture, words: &str) -> Vec<String> {
    search(f, words).into_iter().map(|(n, _, _)| n).collect()
}

fn fixture() -> Fixture {
    let mut f = Fixture::new();
    f.diary
        .add_person(&PersonEdit {
            display_name: "José Ortega".into(),
            company: "Núcleo Ventures".into(),
            notes: "Introduced by Maria at the fintech breakfast".into(),
            handles: vec![NewHandle { platform: HandlePlatform::X, value: "@jortega".into(), url: String::new(), professional: true }],
            tags: vec!["investor".into()],
            ..Default::default()
        })
        .unwrap();
    let bo = f.person("Bo Larsen");
    f.touch(bo, Channel::Email, at(2026, 3, 1, 9, 0), |t| t.notes = "Sent the Zürich proposal".into());
    f
}

#[test]
fn accents_and_case_do_not_matter() {
    let f = fixture();
    assert_eq!(names(&f, "jose"), ["José Ortega"]);
    assert_eq!(names(&f, "JOSÉ"), ["José Ortega"]);
    assert_eq!(names(&f, "nucleo"), ["José Ortega"]);
    assert_eq!(names(&f, "zurich"), ["Bo Larsen"]);
}

#[test]
fn search_reaches_handles_tags_notes_and_touch_notes() {
    let f = fixture();
    assert_eq!(names(&f, "jorte"), ["José Ortega"], "a handle");
    assert_eq!(names(&f, "invest"), ["José Ortega"], "a tag");
    assert_eq!(names(&f, "fintech"), ["José Ortega"], "the person's notes");
    assert_eq!(names(&f, "propos"), ["Bo Larsen"], "a touch's notes");
    assert_eq!(names(&f, "l"), ["Bo Larsen"], "one letter is a prefix too");
    assert!(names(&f, "zu").is_empty(), "touches' notes need a word of three letters");
    assert_eq!(names(&f, "zur"), ["Bo Larsen"]);
}

#[test]
fn matches_are_marked_in_the_name_or_in_an_excerpt() {
    let f = fixture();
    let hits = search(&f, "jos");
    assert_eq!(hits[0].1.as_deref(), Some("\u{2}José\u{3} Ortega"));
    assert_eq!(hits[0].2, None, "a name match needs no excerpt");
    let hits = search(&f, "fintech");
    assert_eq!(hits[0].1, None);
    assert!(hits[0].2.as_deref().unwrap().contains("\u{2}fintech\u{3}"), "{hits:?}");
    let hits = search(&f, "zurich");
    assert_eq!(hits[0].2.as_deref(), Some("Sent the \u{2}Zürich\u{3} proposal"));
}

#[test]
fn the_index_follows_edits_merges_and_deleted_touches() {
    let mut f = fixture();
    let bo = f.diary.people(&PeopleQuery { search: "bo".into(), ..Default::default() }).unwrap().people[0].id;
    f.diary
        .update_person(bo, &PersonEdit { display_name: "Bo Larsen".into(), tags: vec!["partner".into()], ..Default::default() })
        .unwrap();
    assert_eq!(names(&f, "partner"), ["Bo Larsen"]);
    let touch = f.diary.touches(&Default::default()).unwrap().touches[0].id;
    f.diary.delete_touch(touch).unwrap();
    assert!(names(&f, "zurich").is_empty(), "a deleted touch's notes are not found");
    f.diary.restore_touch(touch).unwrap();
    assert_eq!(names(&f, "zurich"), ["Bo Larsen"]);

    let dup = f
        .diary
        .add_person(&PersonEdit { display_name: "B. Larsen".into(), company: "Fjord Design".into(), ..Default::default() })
        .unwrap()
        .id;
    f.diary.merge_people(bo, dup).unwrap();
    assert_eq!(names(&f, "fjord"), ["Bo Larsen"], "the kept record is found by what it took over");
}
