//! Likely duplicates: the same e-mail, phone or profile however it was written, near
//! names with a shared company or website; never a near miss, a merged-away or archived
//! record, or a pair the user said are two people.

mod common;

use common::Fixture;
use rapport_core::people::{DuplicatePair, DuplicateReason, NewHandle, PersonEdit};
use rapport_core::vocab::HandlePlatform;
use rapport_core::Diary;

fn handle(platform: HandlePlatform, value: &str) -> NewHandle {
    NewHandle { platform, value: value.into(), url: String::new(), professional: true }
}

fn add(f: &mut Fixture, name: &str, company: &str, handles: Vec<NewHandle>) -> i64 {
    let edit = PersonEdit { display_name: name.into(), company: company.into(), handles, ..Default::default() };
    f.diary.add_person(&edit).unwrap().id
}

/// The hand-made diary's people, by what they are in the story.
struct People {
    ana: i64,
    ana_unaccented: i64,
    ana_reversed: i64,
    bruno: i64,
    bruno_upper: i64,
    carla: i64,
    carla_national: i64,
    dev: i64,
    dev_bare: i64,
    ivan: i64,
    ivan_again: i64,
    lena: i64,
    lena_again: i64,
}

fn diary() -> (Fixture, People) {
    use HandlePlatform::{Email, Linkedin, Phone, Website};
    let mut f = Fixture::new();
    let ana = add(&mut f, "Ana López", "Acme", vec![handle(Email, "Ana.Lopez@Acme.test")]);
    let ana_unaccented = add(&mut f, "Ana Lopez", "ACME Ltd", vec![]);
    let ana_reversed = add(&mut f, "Lopez, Ana", "", vec![handle(Email, " ana.lopez@acme.TEST ")]);
    let bruno = add(&mut f, "Bruno Costa", "", vec![handle(Email, "bruno@costa.test")]);
    let bruno_upper = add(&mut f, "Bruno C.", "Costa & Filhos", vec![handle(Email, "BRUNO@Costa.test")]);
    let carla = add(&mut f, "Carla Díaz", "", vec![handle(Phone, "+44 20 7946 0958")]);
    let carla_national = add(&mut f, "C. Diaz", "", vec![handle(Phone, "(020) 7946-0958")]);
    let dev = add(
        &mut f,
        "Dev Patel",
        "",
        vec![NewHandle { url: "https://www.linkedin.com/in/dev-patel/".into(), ..handle(Linkedin, "dev-patel") }],
    );
    let dev_bare = add(&mut f, "Devendra Patel", "", vec![handle(Linkedin, "http://linkedin.com/in/Dev-Patel?trk=people")]);
    let ivan = add(&mut f, "Ivan Petrov", "Initech", vec![handle(Email, "ivan@initech.test")]);
    let ivan_again = add(&mut f, "Ivan  Petrov", "initech", vec![handle(Email, "IVAN@initech.test")]);
    let lena = add(&mut f, "Lena Berg", "", vec![handle(Website, "https://berg.test/")]);
    let lena_again = add(&mut f, "lena berg", "", vec![handle(Website, "http://www.berg.test")]);

    // Near misses: none of these pairs with anyone.
    add(&mut f, "Max Berg", "", vec![handle(Website, "berg.test")]); // same website, another name
    add(&mut f, "Ana Souza", "Acme", vec![]); // the same first name at the same company
    add(&mut f, "Eve Stone", "Globex", vec![]);
    add(&mut f, "Frank Stone", "Globex", vec![]); // the same company, different names
    add(&mut f, "John Smith", "", vec![handle(Email, "john@one.test")]);
    add(&mut f, "John Smith", "", vec![handle(Email, "john@two.test")]); // one name, nothing shared
    add(&mut f, "Gina Rossi", "", vec![handle(Email, "n/a"), handle(Phone, "ext 12")]);
    add(&mut f, "Hugo Brandt", "", vec![handle(Email, "N/A"), handle(Phone, "ext. 12")]); // no address, no number
    add(&mut f, "Bo Li", "Umbrella", vec![]);
    add(&mut f, "Bo Lu", "Umbrella", vec![]); // short names one edit apart
    for desk in 1..=6 {
        // An office's address, shared by more people than one person's could be.
        add(&mut f, &format!("Desk {desk}"), "", vec![handle(Email, "info@desk.test")]);
    }
    // Archived people are left out, whoever they match.
    add(&mut f, "Kim Lee", "", vec![handle(Email, "kim@lee.test")]);
    let archived = add(&mut f, "Kim Lee", "", vec![handle(Email, "kim@lee.test")]);
    f.diary.archive_person(archived).unwrap();
    // And so is a record merged away: its handle stayed with it, the keeper had it too.
    let olga = add(&mut f, "Olga Nowak", "", vec![handle(Email, "olga@nowak.test")]);
    let olga_merged = add(&mut f, "Olga N.", "", vec![handle(Email, "Olga@Nowak.test")]);
    f.diary.merge_people(olga, olga_merged).unwrap();

    let people = People {
        ana,
        ana_unaccented,
        ana_reversed,
        bruno,
        bruno_upper,
        carla,
        carla_national,
        dev,
        dev_bare,
        ivan,
        ivan_again,
        lena,
        lena_again,
    };
    (f, people)
}

fn pairs(diary: &Diary) -> Vec<(i64, i64, Vec<DuplicateReason>)> {
    diary.duplicate_candidates().unwrap().into_iter().map(|p| (p.a, p.b, p.reasons)).collect()
}

fn expected(p: &People) -> Vec<(i64, i64, Vec<DuplicateReason>)> {
    use DuplicateReason::*;
    let email = |e: &str| SameEmail { email: e.into() };
    vec![
        (p.ivan, p.ivan_again, vec![email("ivan@initech.test"), NearNameSameCompany { company: "Initech".into() }]),
        (p.ana, p.ana_reversed, vec![email("ana.lopez@acme.test")]),
        (p.bruno, p.bruno_upper, vec![email("bruno@costa.test")]),
        (p.dev, p.dev_bare, vec![SameProfile { profile: "linkedin.com/in/dev-patel".into() }]),
        (p.carla, p.carla_national, vec![SamePhone { phone: "+44 20 7946 0958".into() }]),
        (p.lena, p.lena_again, vec![NearNameSameHandle { handle: "berg.test".into() }]),
        (p.ana, p.ana_unaccented, vec![NearNameSameCompany { company: "Acme".into() }]),
    ]
}

#[test]
fn the_true_duplicates_are_found_and_nothing_else_strongest_first() {
    let (f, p) = diary();
    assert_eq!(pairs(&f.diary), expected(&p));
    let first: &DuplicatePair = &f.diary.duplicate_candidates().unwrap()[0];
    assert_eq!((first.a_name.as_str(), first.b_name.as_str()), ("Ivan Petrov", "Ivan  Petrov"));
}

#[test]
fn a_pair_said_to_be_two_people_stays_away_after_reopening() {
    let (mut f, p) = diary();
    f.diary.dismiss_duplicate(p.carla_national, p.carla).unwrap();
    f.diary.dismiss_duplicate(p.carla, p.carla_national).unwrap(); // saying it twice is saying it once
    let without: Vec<_> = expected(&p).into_iter().filter(|(a, _, _)| *a != p.carla).collect();
    assert_eq!(pairs(&f.diary), without);

    let path = f.path();
    drop(f.diary);
    let reopened = Diary::open(&path).unwrap();
    assert_eq!(pairs(&reopened), without, "remembered in the file");
    let export: serde_json::Value = serde_json::from_str(&reopened.export_json().unwrap()).unwrap();
    let rows = export["tables"]["not_duplicate"].as_array().unwrap();
    assert_eq!((rows.len(), &rows[0]["person_a"]), (1, &p.carla.into()), "the decision is exported with the diary");
}

#[test]
fn a_dismissal_of_no_one_or_of_oneself_is_refused() {
    let (mut f, p) = diary();
    assert_eq!(f.diary.dismiss_duplicate(p.ana, p.ana).unwrap_err().field(), Some("people"));
    assert!(f.diary.dismiss_duplicate(p.ana, 99_999).is_err());
    assert_eq!(pairs(&f.diary), expected(&p));
}

#[test]
fn after_a_merge_the_pair_is_gone_and_a_dismissal_of_the_absorbed_record_does_no_harm() {
    let (mut f, p) = diary();
    f.diary.dismiss_duplicate(p.ana, p.ana_reversed).unwrap();
    f.diary.dismiss_duplicate(p.bruno, p.ana_reversed).unwrap();
    f.diary.merge_people(p.ana, p.ana_reversed).unwrap();
    f.diary.merge_people(p.ivan, p.ivan_again).unwrap();
    let left: Vec<_> = expected(&p).into_iter().filter(|(a, b, _)| ![p.ana_reversed, p.ivan_again].contains(b) && *a != p.ivan).collect();
    assert_eq!(pairs(&f.diary), left);
    let rows: i64 = f.sql().query_row("SELECT count(*) FROM not_duplicate", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 0, "what was said of the absorbed record went with it");
}

#[test]
fn an_archived_person_comes_back_into_the_list_when_restored() {
    let mut f = Fixture::new();
    let kim = add(&mut f, "Kim Lee", "", vec![handle(HandlePlatform::Email, "kim@lee.test")]);
    let again = add(&mut f, "Kim L.", "", vec![handle(HandlePlatform::Email, "kim@lee.test")]);
    f.diary.archive_person(kim).unwrap();
    assert_eq!(pairs(&f.diary), vec![]);
    f.diary.restore_person(kim).unwrap();
    assert_eq!(pairs(&f.diary), vec![(kim, again, vec![DuplicateReason::SameEmail { email: "kim@lee.test".into() }])]);
}

#[test]
fn the_review_keeps_the_record_further_up_the_ladder_then_the_one_with_more_touches() {
    use rapport_core::vocab::{Channel, Rung};
    let (mut f, p) = diary();
    // Ivan's later record is further up; Bruno's later record has more touches.
    f.diary.set_rung(p.ivan_again, Rung::Spoken, "").unwrap();
    f.touch(p.bruno_upper, Channel::Email, common::at(2026, 3, 2, 9, 0), |_| {});
    f.touch(p.bruno_upper, Channel::Email, common::at(2026, 3, 9, 9, 0), |_| {});
    f.touch(p.bruno, Channel::Email, common::at(2026, 3, 3, 9, 0), |_| {});
    let review = f.diary.duplicate_review().unwrap();
    assert_eq!(review.total, 7);
    let sides: Vec<(i64, i64)> = review.cases.iter().map(|c| (c.keep.person.id, c.absorb.person.id)).collect();
    assert_eq!(
        sides,
        vec![
            (p.ivan_again, p.ivan),
            (p.ana, p.ana_reversed),
            (p.bruno_upper, p.bruno),
            (p.dev, p.dev_bare),
            (p.carla, p.carla_national),
            (p.lena, p.lena_again),
            (p.ana, p.ana_unaccented),
        ],
        "otherwise the older record is kept"
    );
    let bruno = &review.cases[2];
    assert_eq!((bruno.keep.figures.touches, bruno.absorb.figures.touches), (2, 1));
    assert_eq!(bruno.keep.person.handles[0].value, "BRUNO@Costa.test", "each side shows what it has");
    assert_eq!(review.cases[0].reasons.len(), 2);
}

#[test]
fn a_long_review_shows_its_first_page_and_says_how_many_there_are() {
    let mut f = Fixture::new();
    let more = rapport_core::people::REVIEW_PAGE + 3;
    for n in 0..more {
        let email = format!("twin{n}@pairs.test");
        add(&mut f, &format!("Twin {n}"), "", vec![handle(HandlePlatform::Email, &email)]);
        add(&mut f, &format!("Twin {n} again"), "", vec![handle(HandlePlatform::Email, &email)]);
    }
    let review = f.diary.duplicate_review().unwrap();
    assert_eq!((review.total, review.cases.len()), (more, rapport_core::people::REVIEW_PAGE));
}
