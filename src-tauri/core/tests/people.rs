//! People: add, open, edit, list and search, with the nasty inputs a user can type.

use rapport_core::people::{NewHandle, PeopleQuery, PersonEdit};
use rapport_core::vocab::{limits, HandlePlatform, Rung};
use rapport_core::Diary;

fn diary() -> (tempfile::TempDir, Diary) {
    let dir = tempfile::tempdir().unwrap();
    let diary = Diary::open(dir.path().join("diary.sqlite3")).unwrap();
    (dir, diary)
}

fn named(name: &str) -> PersonEdit {
    PersonEdit { display_name: name.into(), ..Default::default() }
}

fn linkedin(value: &str) -> NewHandle {
    NewHandle { platform: HandlePlatform::Linkedin, value: value.into(), url: String::new(), professional: true }
}

#[test]
fn a_person_added_with_company_title_and_handle_reads_back_whole() {
    let (_dir, mut diary) = diary();
    let added = diary
        .add_person(&PersonEdit {
            display_name: "  Ana Lima ".into(),
            company: "Lima & Filhos".into(),
            title: "Founder".into(),
            handles: vec![NewHandle {
                platform: HandlePlatform::Linkedin,
                value: "analima".into(),
                url: "https://www.linkedin.com/in/analima".into(),
                professional: true,
            }],
            ..Default::default()
        })
        .unwrap();
    assert_eq!(added.display_name, "Ana Lima", "surrounding blanks are trimmed");
    assert_eq!(added.rung, Rung::Noticed, "everyone starts on the first rung");
    assert_eq!(added.handles.len(), 1);
    assert_eq!(added.handles[0].platform, HandlePlatform::Linkedin);
    assert_eq!(added.handles[0].url, "https://www.linkedin.com/in/analima");
    assert_eq!(diary.person(added.id).unwrap(), added);
}

#[test]
fn empty_and_blank_names_are_refused_with_a_clear_message_and_nothing_is_stored() {
    let (_dir, mut diary) = diary();
    for name in ["", "   ", "\t\n "] {
        let err = diary.add_person(&named(name)).unwrap_err();
        assert_eq!(err.kind(), "invalid");
        assert_eq!(err.to_string(), "Name is required.");
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["field"], "display_name");
    }
    assert_eq!(diary.people(&PeopleQuery::default()).unwrap().total, 0);
}

#[test]
fn a_100_kb_name_is_refused_with_its_length_and_the_limit() {
    let (_dir, mut diary) = diary();
    let huge = "x".repeat(100 * 1024);
    let err = diary.add_person(&named(&huge)).unwrap_err();
    assert_eq!(err.to_string(), format!("Name is too long: 102400 characters, the limit is {}.", limits::NAME));
    // At the limit it is fine; limits count characters, not bytes.
    let at_limit = "é".repeat(limits::NAME);
    assert_eq!(diary.add_person(&named(&at_limit)).unwrap().display_name, at_limit);
    assert_eq!(diary.people(&PeopleQuery::default()).unwrap().total, 1);
}

#[test]
fn notes_over_the_limit_are_refused_but_long_notes_are_kept() {
    let (_dir, mut diary) = diary();
    let mut edit = named("Ana");
    edit.notes = "n".repeat(limits::NOTES + 1);
    let err = diary.add_person(&edit).unwrap_err();
    assert_eq!(serde_json::to_value(&err).unwrap()["field"], "notes");
    edit.notes = "line one\nline two\n".repeat(5000);
    let ana = diary.add_person(&edit).unwrap();
    assert_eq!(diary.person(ana.id).unwrap().notes, edit.notes.trim());
}

#[test]
fn emoji_right_to_left_and_markup_are_stored_verbatim() {
    let (_dir, mut diary) = diary();
    let names = [
        "Zoë 🤝 Ng",
        "محمد العلي",
        "שרה כהן",
        "<script>alert('x')</script>",
        "Bobby\"); DROP TABLE person;--",
        "<img src=x onerror=alert(1)>",
    ];
    for name in names {
        let mut edit = named(name);
        edit.company = format!("<b>{name}</b>");
        edit.notes = format!("<script>document.title='pwned'</script> {name}");
        let person = diary.add_person(&edit).unwrap();
        let back = diary.person(person.id).unwrap();
        assert_eq!(back.display_name, name);
        assert_eq!(back.company, edit.company);
        assert_eq!(back.notes, edit.notes);
    }
    assert_eq!(diary.people(&PeopleQuery::default()).unwrap().total, names.len() as u32);
}

#[test]
fn control_characters_in_a_one_line_field_are_refused() {
    let (_dir, mut diary) = diary();
    let err = diary.add_person(&named("Ana\nLima")).unwrap_err();
    assert_eq!(err.to_string(), "Name must be one line, without tabs or control characters.");
    let mut edit = named("Ana");
    edit.handles = vec![linkedin("ana\u{0}lima")];
    assert_eq!(serde_json::to_value(diary.add_person(&edit).unwrap_err()).unwrap()["field"], "handle");
    assert_eq!(diary.people(&PeopleQuery::default()).unwrap().total, 0);
}

#[test]
fn a_blank_handle_is_refused() {
    let (_dir, mut diary) = diary();
    let mut edit = named("Ana");
    edit.handles = vec![linkedin("  ")];
    let err = diary.add_person(&edit).unwrap_err();
    assert_eq!(err.to_string(), "The handle is required.");
}

#[test]
fn cadence_must_be_a_sensible_number_of_days() {
    let (_dir, mut diary) = diary();
    for bad in [0, 3651] {
        let mut edit = named("Ana");
        edit.cadence_days = Some(bad);
        assert_eq!(serde_json::to_value(diary.add_person(&edit).unwrap_err()).unwrap()["field"], "cadence_days");
    }
    let mut edit = named("Ana");
    edit.cadence_days = Some(30);
    assert_eq!(diary.add_person(&edit).unwrap().cadence_days, Some(30));
}

#[test]
fn editing_replaces_fields_and_handles() {
    let (_dir, mut diary) = diary();
    let mut edit = named("Ana");
    edit.handles = vec![linkedin("ana")];
    let ana = diary.add_person(&edit).unwrap();

    let edit = PersonEdit {
        display_name: "Ana Lima".into(),
        company: "Acme".into(),
        title: "CTO".into(),
        how_met: "Her reply to my post on pricing".into(),
        why_matters: "Buys consulting".into(),
        notes: "Prefers calls before 10".into(),
        cadence_days: Some(21),
        handles: vec![
            NewHandle { platform: HandlePlatform::X, value: "@ana".into(), url: String::new(), professional: false },
            NewHandle { platform: HandlePlatform::Email, value: "ana@acme.test".into(), url: String::new(), professional: true },
        ],
        tags: vec!["client".into(), " Lisbon ".into(), "CLIENT".into()],
        rung: None,
    };
    let updated = diary.update_person(ana.id, &edit).unwrap();
    assert_eq!(updated.display_name, "Ana Lima");
    assert_eq!(updated.company, "Acme");
    assert_eq!(updated.how_met, edit.how_met);
    assert_eq!(updated.cadence_days, Some(21));
    let platforms: Vec<_> = updated.handles.iter().map(|h| h.platform).collect();
    assert_eq!(platforms, [HandlePlatform::X, HandlePlatform::Email]);
    assert!(!updated.handles[0].professional);
    assert_eq!(updated.tags, ["client", "Lisbon"], "tags are trimmed, kept once ignoring case, sorted");
    assert_eq!(updated.created_at, ana.created_at);
    assert_eq!(diary.person(ana.id).unwrap(), updated);
}

#[test]
fn a_refused_edit_changes_nothing() {
    let (_dir, mut diary) = diary();
    let mut edit = named("Ana");
    edit.handles = vec![linkedin("ana")];
    let ana = diary.add_person(&edit).unwrap();

    let mut bad = named("Ana Lima");
    bad.handles = vec![linkedin("ana-lima"), linkedin("")];
    assert_eq!(diary.update_person(ana.id, &bad).unwrap_err().kind(), "invalid");
    assert_eq!(diary.person(ana.id).unwrap(), ana);
}

#[test]
fn opening_or_editing_someone_who_does_not_exist_says_so() {
    let (_dir, mut diary) = diary();
    let err = diary.person(77).unwrap_err();
    assert_eq!(err.kind(), "not_found");
    assert!(err.to_string().starts_with("Person 77 was not found"), "{err}");
    assert_eq!(diary.update_person(77, &named("X")).unwrap_err().kind(), "not_found");
}

#[test]
fn the_list_is_by_name_ignoring_case() {
    let (_dir, mut diary) = diary();
    for name in ["carla", "Bo", "ana", "Dario"] {
        diary.add_person(&named(name)).unwrap();
    }
    let list = diary.people(&PeopleQuery::default()).unwrap();
    let names: Vec<_> = list.people.iter().map(|p| p.display_name.as_str()).collect();
    assert_eq!(names, ["ana", "Bo", "carla", "Dario"]);
    assert_eq!(list.total, 4);
}

#[test]
fn search_matches_word_prefixes_of_name_company_and_title_ignoring_accents() {
    let (_dir, mut diary) = diary();
    let mut ana = named("Ana Lima");
    ana.company = "Acme Ltd".into();
    diary.add_person(&ana).unwrap();
    let mut jose = named("José Ortega");
    jose.title = "Head of Sales".into();
    diary.add_person(&jose).unwrap();
    diary.add_person(&named("Bo Larsen")).unwrap();

    let names = |q: &str| -> Vec<String> {
        diary.people(&PeopleQuery { search: q.into(), ..Default::default() }).unwrap().people.into_iter().map(|p| p.display_name).collect()
    };
    assert_eq!(names("l"), ["Ana Lima", "Bo Larsen"]);
    assert_eq!(names("li"), ["Ana Lima"]);
    assert_eq!(names("acm"), ["Ana Lima"]);
    assert_eq!(names("jose"), ["José Ortega"]);
    assert_eq!(names("sales ort"), ["José Ortega"]);
    assert_eq!(names("zzz"), Vec::<String>::new());
    assert_eq!(diary.people(&PeopleQuery { search: "l".into(), ..Default::default() }).unwrap().total, 2);
}

#[test]
fn search_text_is_never_read_as_query_syntax() {
    let (_dir, mut diary) = diary();
    diary.add_person(&named("Ana \"Quotes\" Lima")).unwrap();
    for q in ["\"", "*", "ana AND", "(ana", "NEAR(", "ana OR bo", "-ana", "^", "'; DROP TABLE person;--", "💥"] {
        diary.people(&PeopleQuery { search: q.into(), ..Default::default() }).unwrap_or_else(|e| panic!("search {q:?} failed: {e}"));
    }
    assert_eq!(diary.people(&PeopleQuery { search: "\"quo".into(), ..Default::default() }).unwrap().total, 1);
    assert_eq!(diary.people(&PeopleQuery::default()).unwrap().total, 1);
}

#[test]
fn search_follows_edits() {
    let (_dir, mut diary) = diary();
    let ana = diary.add_person(&named("Ana")).unwrap();
    diary.update_person(ana.id, &named("Beatriz")).unwrap();
    assert_eq!(diary.people(&PeopleQuery { search: "ana".into(), ..Default::default() }).unwrap().total, 0);
    assert_eq!(diary.people(&PeopleQuery { search: "bea".into(), ..Default::default() }).unwrap().total, 1);
}

#[test]
fn handles_link_to_what_the_os_should_open() {
    let (_dir, mut diary) = diary();
    let h = |platform, value: &str, url: &str| NewHandle { platform, value: value.into(), url: url.into(), professional: true };
    let mut edit = named("Ana");
    edit.handles = vec![
        h(HandlePlatform::X, "@ana_lima", ""),
        h(HandlePlatform::Linkedin, "analima", ""),
        h(HandlePlatform::Linkedin, "Ana Lima", "https://www.linkedin.com/in/ana-lima-42"),
        h(HandlePlatform::Email, "ana@acme.test", ""),
        h(HandlePlatform::Phone, "+351 912 345 678", ""),
        h(HandlePlatform::Website, "acme.test/about", ""),
        h(HandlePlatform::Instagram, "ana lima", ""),
        h(HandlePlatform::Other, "javascript:alert(1)", "javascript:alert(1)"),
        h(HandlePlatform::Email, "a@b.test?subject=<x>", ""),
    ];
    let ana = diary.add_person(&edit).unwrap();
    let links: Vec<_> = ana.handles.iter().map(|h| h.link.as_deref()).collect();
    assert_eq!(
        links,
        [
            Some("https://x.com/ana_lima"),
            Some("https://www.linkedin.com/in/analima"),
            Some("https://www.linkedin.com/in/ana-lima-42"),
            Some("mailto:ana@acme.test"),
            Some("tel:+351912345678"),
            Some("https://acme.test/about"),
            None, // a space: no safe profile address
            None, // only web addresses are opened
            None,
        ]
    );
    assert_eq!(diary.handle_link(ana.handles[3].id).unwrap(), "mailto:ana@acme.test");
    assert_eq!(diary.handle_link(ana.handles[7].id).unwrap_err().kind(), "invalid");
    assert_eq!(diary.handle_link(9999).unwrap_err().kind(), "not_found");
}

#[test]
fn someone_new_can_start_on_a_rung_and_a_linkedin_handle_suggests_connected() {
    use rapport_core::vocab::vocabulary;
    let (_dir, mut diary) = diary();
    let edit = PersonEdit { display_name: "Ana Lima".into(), rung: Some(Rung::Connected), ..Default::default() };
    let ana = diary.add_person(&edit).unwrap();
    assert_eq!(ana.rung, Rung::Connected);
    let history = diary.rung_history(ana.id).unwrap();
    assert_eq!(history.iter().map(|c| c.summary.as_str()).collect::<Vec<_>>(), ["Added on Connected"]);
    // Editing leaves the rung alone: moves go through set_rung and its history.
    let moved = diary.update_person(ana.id, &PersonEdit { rung: Some(Rung::Working), ..edit }).unwrap();
    assert_eq!(moved.rung, Rung::Connected);
    assert_eq!(diary.add_person(&PersonEdit { display_name: "Bo".into(), ..Default::default() }).unwrap().rung, Rung::Noticed);

    let suggests: Vec<_> = vocabulary().handle_platforms.iter().filter_map(|p| p.suggests.map(|r| (p.key, r))).collect();
    assert_eq!(suggests, [("linkedin", Rung::Connected), ("facebook", Rung::Connected)]);
    assert_eq!(HandlePlatform::X.suggested_rung(), None, "following is not being connected");
}
