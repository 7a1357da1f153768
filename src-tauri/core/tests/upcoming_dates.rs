//! When important dates next come, on the diary's local day, and Today's list of them.

mod common;

use chrono::NaiveDate;
use common::{at, Fixture};
use rapport_core::people::DateInput;
use rapport_core::vocab::DateKind;

fn date(kind: DateKind, month: u32, day: u32, year: Option<i32>) -> DateInput {
    DateInput { kind, label: String::new(), month, day, year }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// (title, day, days until, marks) of each date coming within `within` days.
fn coming(f: &Fixture, within: u32) -> Vec<(String, NaiveDate, i64, Option<String>)> {
    f.diary.upcoming_dates(within).unwrap().into_iter().map(|d| (d.title, d.on, d.days_until, d.marks)).collect()
}

#[test]
fn february_29_comes_on_the_28th_in_2027_and_2100_and_on_the_29th_in_2028() {
    let mut f = Fixture::at(at(2027, 2, 20, 12, 0), chrono_tz::UTC);
    let ana = f.person("Ana López");
    f.diary.add_date(ana, &date(DateKind::Birthday, 2, 29, Some(1996))).unwrap();
    assert_eq!(coming(&f, 10), [("Ana López's birthday".into(), day(2027, 2, 28), 8, Some("turns 31".into()))]);
    f.set_now(at(2028, 2, 20, 12, 0), chrono_tz::UTC);
    assert_eq!(coming(&f, 10), [("Ana López's birthday".into(), day(2028, 2, 29), 9, Some("turns 32".into()))]);
    f.set_now(at(2028, 2, 28, 12, 0), chrono_tz::UTC);
    assert_eq!(coming(&f, 0), [], "in a leap year the 28th is not the day");
    f.set_now(at(2100, 2, 28, 12, 0), chrono_tz::UTC);
    assert_eq!(coming(&f, 0), [("Ana López's birthday".into(), day(2100, 2, 28), 0, Some("turns 104".into()))]);
}

#[test]
fn a_date_without_a_year_comes_with_nothing_to_mark() {
    let mut f = Fixture::at(at(2026, 6, 1, 12, 0), chrono_tz::UTC);
    let bo = f.person("Bo Larsen");
    f.diary.add_date(bo, &date(DateKind::WorkAnniversary, 6, 3, None)).unwrap();
    f.diary.add_date(bo, &date(DateKind::MetOn, 6, 2, Some(2021))).unwrap();
    assert_eq!(
        coming(&f, 7),
        [
            ("The day you met Bo Larsen".into(), day(2026, 6, 2), 1, Some("5 years".into())),
            ("Bo Larsen's work anniversary".into(), day(2026, 6, 3), 2, None),
        ]
    );
    assert_eq!(f.diary.upcoming_dates(7).unwrap()[1].when, "Wednesday, 3 June");
}

#[test]
fn the_window_wraps_from_december_31_into_january() {
    let mut f = Fixture::at(at(2026, 12, 31, 12, 0), chrono_tz::UTC);
    let (ana, bo, cy) = (f.person("Ana López"), f.person("Bo Larsen"), f.person("Cy Ode"));
    f.diary.add_date(ana, &date(DateKind::Birthday, 1, 3, Some(1990))).unwrap();
    f.diary.add_date(bo, &date(DateKind::Birthday, 12, 31, None)).unwrap();
    f.diary.add_date(cy, &date(DateKind::Birthday, 12, 30, None)).unwrap();
    assert_eq!(
        coming(&f, 3),
        [
            ("Bo Larsen's birthday".into(), day(2026, 12, 31), 0, None),
            ("Ana López's birthday".into(), day(2027, 1, 3), 3, Some("turns 37".into())),
        ],
        "yesterday's waits a year"
    );
    assert_eq!(f.diary.upcoming_dates(3).unwrap()[1].when, "Sunday, 3 January 2027");
}

#[test]
fn the_day_is_the_diarys_local_day() {
    // 23:30 UTC on 3 December: already the 4th in Auckland, still the 3rd in Los Angeles.
    let now = at(2026, 12, 3, 23, 30);
    let mut f = Fixture::at(now, chrono_tz::Pacific::Auckland);
    let (ana, bo) = (f.person("Ana López"), f.person("Bo Larsen"));
    f.diary.add_date(ana, &date(DateKind::Birthday, 12, 4, None)).unwrap();
    f.diary.add_date(bo, &date(DateKind::Birthday, 12, 3, None)).unwrap();
    assert_eq!(coming(&f, 1), [("Ana López's birthday".into(), day(2026, 12, 4), 0, None)], "Bo's was yesterday there");
    f.set_now(now, chrono_tz::America::Los_Angeles);
    assert_eq!(
        coming(&f, 1),
        [("Bo Larsen's birthday".into(), day(2026, 12, 3), 0, None), ("Ana López's birthday".into(), day(2026, 12, 4), 1, None)]
    );
    f.set_now(now, chrono_tz::UTC);
    assert_eq!(coming(&f, 0), [("Bo Larsen's birthday".into(), day(2026, 12, 3), 0, None)]);
}

#[test]
fn archived_and_merged_people_have_no_dates_coming() {
    let mut f = Fixture::at(at(2026, 6, 1, 12, 0), chrono_tz::UTC);
    let (ana, bo, cy) = (f.person("Ana López"), f.person("Bo Larsen"), f.person("Bo L."));
    for p in [ana, bo, cy] {
        f.diary.add_date(p, &date(DateKind::Birthday, 6, 2, None)).unwrap();
    }
    f.diary.archive_person(ana).unwrap();
    f.diary.merge_people(bo, cy).unwrap();
    assert_eq!(coming(&f, 7), [("Bo Larsen's birthday".into(), day(2026, 6, 2), 1, None)], "once, on the kept record");
}

#[test]
fn today_lists_the_dates_of_the_next_seven_days() {
    let mut f = Fixture::at(at(2026, 6, 1, 12, 0), chrono_tz::UTC);
    let ana = f.person("Ana López");
    f.diary.add_date(ana, &date(DateKind::Birthday, 6, 8, None)).unwrap();
    f.diary.add_date(ana, &DateInput { label: "Company's 10th".into(), ..date(DateKind::Other, 6, 9, None) }).unwrap();
    let today = f.diary.today().unwrap();
    let titles: Vec<_> = today.dates.iter().map(|d| (d.title.as_str(), d.days_until)).collect();
    assert_eq!(titles, [("Ana López's birthday", 7)], "the 9th is eight days off");
    f.set_now(at(2026, 6, 2, 12, 0), chrono_tz::UTC);
    let titles: Vec<_> = f.diary.today().unwrap().dates.into_iter().map(|d| d.title).collect();
    assert_eq!(titles, ["Ana López's birthday", "Ana López: Company's 10th"]);
}
