//! Saved views of the People list: named filters kept in the diary, checked as the user
//! names them, surviving a reopening, and listing what the list itself would.

mod common;

use common::Fixture;
use rapport_core::people::{PeopleQuery, MOST_VIEWS};
use rapport_core::vocab::{HandlePlatform, PeopleOrder, Rung};
use rapport_core::Diary;

fn met_on_linkedin() -> PeopleQuery {
    PeopleQuery {
        search: "  acme ".into(),
        rung: Some(Rung::Met),
        tag: Some(" client ".into()),
        platform: Some(HandlePlatform::Linkedin),
        untouched_days: Some(30),
        archived: false,
        order: PeopleOrder::Waiting,
    }
}

#[test]
fn a_view_keeps_every_filter_and_the_order_and_survives_reopening() {
    let mut f = Fixture::new();
    assert!(f.diary.people_views().unwrap().is_empty());
    let views = f.diary.save_people_view("  Met, quiet  ", &met_on_linkedin()).unwrap();
    assert_eq!(views.len(), 1);
    assert_eq!(views[0].name, "Met, quiet", "the name is trimmed");
    assert_eq!(views[0].query.search, "acme", "the search is kept as the list runs it");
    assert_eq!(views[0].query.tag.as_deref(), Some("client"));
    f.diary.save_people_view("Everyone by name", &PeopleQuery::default()).unwrap();

    let path = f.path();
    drop(f.diary);
    let diary = Diary::open(&path).unwrap();
    let views = diary.people_views().unwrap();
    assert_eq!(views.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(), ["Met, quiet", "Everyone by name"], "in the order made");
    let kept = &views[0].query;
    assert_eq!(
        (kept.rung, kept.platform, kept.untouched_days, kept.order),
        (Some(Rung::Met), Some(HandlePlatform::Linkedin), Some(30), PeopleOrder::Waiting)
    );
    // The settings are not disturbed by the views beside them in the same table.
    assert_eq!(diary.settings().unwrap(), rapport_core::storage::Settings::default());
}

#[test]
fn names_are_one_to_sixty_characters_unique_in_any_case_and_twenty_views_at_most() {
    let mut f = Fixture::new();
    let q = PeopleQuery::default();
    let err = f.diary.save_people_view("   ", &q).unwrap_err();
    assert_eq!((err.kind(), err.field(), err.to_string().as_str()), ("invalid", Some("name"), "The view's name is required."));
    let long = "x".repeat(61);
    assert_eq!(
        f.diary.save_people_view(&long, &q).unwrap_err().to_string(),
        "The view's name is too long: 61 characters, the limit is 60."
    );
    assert!(f.diary.save_people_view(&"x".repeat(60), &q).is_ok(), "sixty is allowed");
    assert!(f.diary.save_people_view("a\tb", &q).is_err(), "one line");

    let clients = f.diary.save_people_view("Clients", &q).unwrap().last().unwrap().id;
    let err = f.diary.save_people_view("CLIENTS", &q).unwrap_err();
    assert_eq!(err.to_string(), "There is already a view called \"CLIENTS\".");
    let bad_search = PeopleQuery { search: "a\u{7}b".into(), ..q.clone() };
    assert_eq!(f.diary.save_people_view("Odd", &bad_search).unwrap_err().field(), Some("search"));

    // Renaming: to its own name in another case is fine; to another view's is not.
    let views = f.diary.rename_people_view(clients, "clients").unwrap();
    assert!(views.iter().any(|v| v.id == clients && v.name == "clients"));
    let other = f.diary.save_people_view("Prospects", &q).unwrap().last().unwrap().id;
    assert!(f.diary.rename_people_view(other, "Clients").is_err());
    assert_eq!(f.diary.rename_people_view(999, "Gone").unwrap_err().kind(), "not_found");

    // Deleting frees the name; a view deleted twice is not found.
    let views = f.diary.delete_people_view(clients).unwrap();
    assert!(views.iter().all(|v| v.id != clients));
    assert_eq!(f.diary.delete_people_view(clients).unwrap_err().kind(), "not_found");
    f.diary.save_people_view("Clients", &q).unwrap();

    while f.diary.people_views().unwrap().len() < MOST_VIEWS {
        let n = f.diary.people_views().unwrap().len();
        f.diary.save_people_view(&format!("View {n}"), &q).unwrap();
    }
    let err = f.diary.save_people_view("One too many", &q).unwrap_err();
    assert_eq!(err.to_string(), "Keep at most 20 views; delete one first.");
    assert_eq!(f.diary.people_views().unwrap().len(), MOST_VIEWS, "nothing written by a refusal");
}

#[test]
fn a_saved_view_lists_the_people_its_filters_pick() {
    let mut f = Fixture::new();
    let ana = f.person("Ana Lima");
    f.person("Bo Berg");
    f.diary.set_rung(ana, Rung::Met, "").unwrap();
    let query = PeopleQuery { rung: Some(Rung::Met), ..PeopleQuery::default() };
    let view = f.diary.save_people_view("Met", &query).unwrap().remove(0);
    let listed = f.diary.people(&view.query).unwrap();
    assert_eq!(listed.total, 1);
    assert_eq!(listed.people[0].id, ana);
}
