//! Days as typed in the window: the forms a person writes read right, and an impossible
//! day is named, never read as "no day".

use chrono::NaiveDate;
use rapport_core::clock::days::parse_typed_day;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Tuesday 1 December 2026.
fn today() -> NaiveDate {
    date(2026, 12, 1)
}

fn read(text: &str) -> Result<NaiveDate, String> {
    parse_typed_day(text, today())
}

#[test]
fn the_ways_a_person_writes_a_day_read_as_that_day() {
    for (text, day) in [
        ("2026-12-24", date(2026, 12, 24)),
        (" 2026-2-3 ", date(2026, 2, 3)),
        ("24 Dec 2026", date(2026, 12, 24)),
        ("24 December 2027", date(2027, 12, 24)),
        ("24th dec.", date(2026, 12, 24)),
        ("Dec 24, 2026", date(2026, 12, 24)),
        ("1 may", date(2026, 5, 1)),
        ("today", today()),
        ("Tomorrow", date(2026, 12, 2)),
        ("2028-02-29", date(2028, 2, 29)),
    ] {
        assert_eq!(read(text), Ok(day), "{text:?}");
    }
}

#[test]
fn an_impossible_day_is_named() {
    for (text, message) in [
        ("2026-02-30", "February has no 30th."),
        ("30 Feb 2026", "February has no 30th."),
        ("2026-02-29", "2026 has no February 29th."),
        ("29 February", "2026 has no February 29th."),
        ("2026-04-31", "April has no 31st."),
        ("2026-13-01", "There is no month 13; months go from 1 to 12."),
        ("2026-00-10", "There is no month 0; months go from 1 to 12."),
        ("2026-01-00", "There is no day 0; a month starts on the 1st."),
        ("2026-01-32", "No month has a 32nd."),
    ] {
        assert_eq!(read(text), Err(message.to_owned()), "{text:?}");
    }
}

#[test]
fn nothing_or_something_else_asks_for_a_day_in_a_form_that_reads() {
    assert_eq!(read("  "), Err("Give the day, like 2026-12-24.".to_owned()));
    for text in
        ["soon", "24/12/2026", "12-24-2026", "2026-12", "24 Decembre 2026", "24 Dec 26", "2026-12-24-1", "+2026-12-24", "<b>1 Dec</b>"]
    {
        let err = read(text).unwrap_err();
        assert_eq!(err, format!("“{text}” is not a day Rapport can read; write it like 2026-12-24 or 24 Dec 2026."));
    }
}

#[test]
fn digits_of_other_scripts_are_not_read_as_a_day() {
    // Full-width and Arabic-Indic digits look like a date but are not the placeholder's.
    for text in ["２０２６-１２-２４", "٢٠٢٦-١٢-٢٤", "24 Dec ２０２６", "２４ Dec"] {
        assert!(read(text).unwrap_err().contains("is not a day Rapport can read"), "{text:?}");
    }
}
