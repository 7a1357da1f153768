//! A person's important dates: added, checked, edited, listed, merged, exported.

mod common;

use common::{at, Fixture};
use rapport_core::people::{DateInput, ImportantDate};
use rapport_core::vocab::DateKind;
use rapport_core::Error;

pub fn date(kind: DateKind, month: u32, day: u32, year: Option<i32>) -> DateInput {
    DateInput { kind, label: String::new(), month, day, year }
}

fn fields(err: Error) -> Vec<(&'static str, String)> {
    err.problems().into_iter().map(|p| (p.field, p.message)).collect()
}

fn days(list: &[ImportantDate]) -> Vec<(DateKind, &str)> {
    list.iter().map(|d| (d.kind, d.text.as_str())).collect()
}

#[test]
fn dates_are_added_listed_through_the_year_edited_and_deleted() {
    let mut f = Fixture::new();
    let ana = f.person("Ana López");
    let birthday = f.diary.add_date(ana, &date(DateKind::Birthday, 12, 4, Some(1985))).unwrap();
    f.diary.add_date(ana, &date(DateKind::MetOn, 3, 2, None)).unwrap();
    let other = f.diary.add_date(ana, &DateInput { label: "  Daughter's birthday ".into(), ..date(DateKind::Other, 6, 1, None) }).unwrap();
    assert_eq!(other.label, "Daughter's birthday", "trimmed");
    assert_eq!(
        days(&f.diary.person_dates(ana).unwrap()),
        [(DateKind::MetOn, "2 March"), (DateKind::Other, "1 June"), (DateKind::Birthday, "4 December 1985")]
    );

    let edited = f.diary.edit_date(birthday.id, &date(DateKind::Birthday, 12, 5, None)).unwrap();
    assert_eq!((edited.day, edited.year, edited.text.as_str()), (5, None, "5 December"));
    f.diary.delete_date(other.id).unwrap();
    assert_eq!(f.diary.person_dates(ana).unwrap().len(), 2);
    assert_eq!(f.diary.delete_date(other.id).unwrap_err().kind(), "not_found");

    let page = f.diary.person_page(ana).unwrap();
    assert_eq!(days(&page.dates), [(DateKind::MetOn, "2 March"), (DateKind::Birthday, "5 December")]);
}

#[test]
fn the_same_date_twice_is_refused() {
    let mut f = Fixture::new();
    let ana = f.person("Ana López");
    f.diary.add_date(ana, &date(DateKind::Birthday, 4, 12, None)).unwrap();
    let err = f.diary.add_date(ana, &date(DateKind::Birthday, 4, 12, Some(1985))).unwrap_err();
    assert_eq!(fields(err), [("day", "12 April is there already.".to_owned())]);
    // The same day of another kind is another date.
    f.diary.add_date(ana, &date(DateKind::WorkAnniversary, 4, 12, None)).unwrap();
}

#[test]
fn impossible_dates_are_refused_with_the_field_named() {
    // Now is 2026-03-31.
    let mut f = Fixture::new();
    let ana = f.person("Ana López");
    let refused = |f: &mut Fixture, input: DateInput| fields(f.diary.add_date(ana, &input).unwrap_err());
    assert_eq!(refused(&mut f, date(DateKind::Birthday, 13, 1, None)), [("month", "The month must be between 1 and 12.".into())]);
    assert_eq!(refused(&mut f, date(DateKind::Birthday, 0, 1, None))[0].0, "month");
    assert_eq!(refused(&mut f, date(DateKind::Birthday, 4, 31, None)), [("day", "April has no 31st.".into())]);
    assert_eq!(refused(&mut f, date(DateKind::Birthday, 2, 30, None)), [("day", "February has no 30th.".into())]);
    assert_eq!(refused(&mut f, date(DateKind::Birthday, 5, 0, None)), [("day", "Type the day of the month.".into())]);
    assert_eq!(
        refused(&mut f, date(DateKind::Birthday, 2, 29, Some(2023))),
        [("day", "2023 has no 29 February: it was not a leap year.".into())]
    );
    assert_eq!(refused(&mut f, date(DateKind::Birthday, 2, 29, Some(1900)))[0].0, "day", "1900 was not a leap year");
    assert_eq!(refused(&mut f, date(DateKind::Birthday, 1, 1, Some(1899))), [("year", "The year must be 1900 or later.".into())]);
    assert_eq!(refused(&mut f, date(DateKind::MetOn, 1, 1, Some(2027))), [("year", "The year cannot be in the future.".into())]);
    assert_eq!(refused(&mut f, date(DateKind::MetOn, 4, 1, Some(2026))), [("year", "The date cannot be in the future.".into())]);
    assert_eq!(refused(&mut f, date(DateKind::Other, 4, 1, None)), [("label", "What the date marks is required.".into())]);
    // Several problems at once, each with its field.
    let all = refused(&mut f, DateInput { label: "x".repeat(501), ..date(DateKind::Other, 4, 31, Some(1800)) });
    assert_eq!(all.iter().map(|p| p.0).collect::<Vec<_>>(), ["label", "day", "year"]);
    assert!(f.diary.person_dates(ana).unwrap().is_empty(), "nothing was written");

    // February 29 with no year or with a leap year is a real date.
    f.diary.add_date(ana, &date(DateKind::Birthday, 2, 29, None)).unwrap();
    f.diary.add_date(ana, &date(DateKind::WorkAnniversary, 2, 29, Some(2000))).unwrap();
    f.diary.add_date(ana, &date(DateKind::MetOn, 3, 31, Some(2026))).unwrap();
}

#[test]
fn a_merge_moves_dates_without_doubling_them_and_keeps_the_year_either_knew() {
    let mut f = Fixture::new();
    let (keep, absorb) = (f.person("Ana López"), f.person("Ana Lopez"));
    f.diary.add_date(keep, &date(DateKind::Birthday, 4, 12, None)).unwrap();
    f.diary.add_date(absorb, &date(DateKind::Birthday, 4, 12, Some(1985))).unwrap();
    f.diary.add_date(absorb, &date(DateKind::MetOn, 9, 3, Some(2019))).unwrap();
    f.diary.merge_people(keep, absorb).unwrap();
    assert_eq!(days(&f.diary.person_dates(keep).unwrap()), [(DateKind::Birthday, "12 April 1985"), (DateKind::MetOn, "3 September 2019")]);
}

#[test]
fn dates_survive_export_and_restore() {
    let mut a = Fixture::new();
    let ana = a.person("Ana López");
    a.diary.add_date(ana, &date(DateKind::Birthday, 2, 29, Some(1996))).unwrap();
    let export = a.diary.export_json().unwrap();
    let mut b = Fixture::new();
    b.diary.restore_json(&export).unwrap();
    assert_eq!(days(&b.diary.person_dates(ana).unwrap()), [(DateKind::Birthday, "29 February 1996")]);
    assert_eq!(b.diary.export_json().unwrap(), export);
}

#[test]
fn dates_go_with_their_person() {
    let mut f = Fixture::at(at(2026, 3, 31, 12, 0), chrono_tz::UTC);
    let ana = f.person("Ana López");
    f.diary.add_date(ana, &date(DateKind::Birthday, 4, 12, None)).unwrap();
    let conn = f.sql();
    conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
    conn.execute("DELETE FROM person WHERE id = ?1", [ana]).unwrap();
    let left: i64 = conn.query_row("SELECT count(*) FROM important_date", [], |r| r.get(0)).unwrap();
    assert_eq!(left, 0);
}
