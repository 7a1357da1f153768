//! Calendars (.ics) read into meetings: Google's and Outlook's exports, recurrences
//! with their exceptions, summer time, and files that are broken or cut short.

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use rapport_core::transfer::archive::{calendar, read, Archive, ArchiveSource, SourceRead};
use rapport_core::vocab::Channel;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/archives/calendar").join(name)
}

/// "Now" for these tests: 2026-06-01 00:00 UTC.
fn now() -> i64 {
    utc("2026-06-01T00:00:00Z")
}

fn utc(text: &str) -> i64 {
    DateTime::parse_from_rfc3339(text).unwrap().timestamp()
}

fn read_at(archive: &Archive, now: i64) -> SourceRead {
    calendar::read_until(archive, now).unwrap().expect("a calendar")
}

fn ics(events: &str) -> Archive {
    let text = format!("BEGIN:VCALENDAR\nVERSION:2.0\n{events}END:VCALENDAR\n");
    Archive::from_parts("test.ics", vec![("test.ics".into(), text.into_bytes())])
}

/// (thread key, time, channel) of every message, in time order.
fn meetings(read: &SourceRead) -> Vec<(String, i64, Channel)> {
    let mut all: Vec<_> = read.messages.iter().map(|m| (read.threads[m.thread].key.clone(), m.at, m.channel)).collect();
    all.sort_by_key(|m| m.1);
    all
}

fn key(read: &SourceRead, party: usize) -> &str {
    &read.parties[party].key
}

#[test]
fn a_google_calendar_gives_each_past_meeting_with_someone() {
    let read = read_at(&Archive::open(&fixture("google.ics")).unwrap(), now());
    let weekly = "weekly-ana@google.com".to_owned();
    let video = |at: &str| (weekly.clone(), utc(at), Channel::Video);
    // Mondays 09:00 Berlin: the 16th is an EXDATE, the 23rd moved to Tuesday 15:00,
    // and summer time from the 29th moves the UTC hour from 08 to 07. The declined,
    // cancelled, room-only, solo and future events are not meetings.
    assert_eq!(
        meetings(&read),
        vec![
            video("2026-03-02T08:00:00Z"),
            video("2026-03-09T08:00:00Z"),
            video("2026-03-24T14:00:00Z"),
            video("2026-03-30T07:00:00Z"),
            video("2026-04-06T07:00:00Z"),
            video("2026-04-13T07:00:00Z"),
            // All day: noon UTC, in person (a café, no call link).
            ("allday@google.com".to_owned(), utc("2026-05-01T12:00:00Z"), Channel::InPerson),
        ]
    );
    let moved = read.messages.iter().find(|m| m.at == utc("2026-03-24T14:00:00Z")).unwrap();
    assert_eq!(moved.id, "weekly-ana@google.com/20260323T080000Z", "a moved occurrence keeps the id of the slot it replaces");
    assert_eq!(read.threads[moved.thread].title, "Ana / me weekly", "the series names the thread");

    assert_eq!(read.source, ArchiveSource::Calendar);
    assert_eq!(read.selves.iter().map(|&s| key(&read, s)).collect::<Vec<_>>(), ["me@example.com"], "X-WR-CALNAME names the owner");
    let mut people: Vec<(&str, &str)> = read.parties.iter().map(|p| (p.key.as_str(), p.name.as_str())).collect();
    people.sort();
    // Ana's address is lower-cased; Dee's CN is her address, so no name; no room.
    assert_eq!(people, [("ana@example.com", "Ana Lima"), ("dee@example.com", ""), ("me@example.com", "")]);
    let thread = &read.threads[moved.thread];
    assert_eq!(thread.participants.iter().map(|&p| key(&read, p)).collect::<Vec<_>>(), ["me@example.com", "ana@example.com"]);
    assert!(read.messages.iter().all(|m| m.sender.map(|s| key(&read, s)) == Some("me@example.com")), "the organizer sent it");

    let problems: Vec<(Option<usize>, &str)> = read.problems.iter().map(|p| (p.line, p.reason.as_str())).collect();
    assert_eq!(
        problems,
        [
            (Some(124), "this line is not a calendar property (NAME:value)"),
            (Some(126), "DTSTART is not a date and time (20260230T100000Z)")
        ]
    );
    assert!(read.problems.iter().all(|p| p.part == "google.ics"));
}

#[test]
fn an_outlook_calendar_with_windows_zones_and_teams() {
    let read = read_at(&Archive::open(&fixture("outlook.ics")).unwrap(), now());
    assert_eq!(
        meetings(&read),
        vec![
            // W. Europe Standard Time is Berlin: 14:00 in January is 13:00 UTC.
            ("040000008200E00074C5B7101A82E00800000000".to_owned(), utc("2026-01-15T13:00:00Z"), Channel::Video),
            // An unknown zone falls back to its VTIMEZONE's standard offset, +05:30.
            ("040000008200E00074C5B7101A82E00800000001".to_owned(), utc("2026-02-10T07:00:00Z"), Channel::InPerson),
        ]
    );
    let review = &read.messages.iter().find(|m| m.channel == Channel::Video).unwrap();
    assert_eq!(review.sender.map(|s| (key(&read, s), read.parties[s].name.as_str())), Some(("eve@contoso.com", "Eve Stone")));
    // No X-WR-CALNAME: the user is who is in the most events.
    assert_eq!(read.selves.iter().map(|&s| key(&read, s)).collect::<Vec<_>>(), ["me@example.com"]);
    assert_eq!(read.problems.len(), 1, "{:?}", read.problems);
    assert_eq!(read.problems[0].line, Some(50));
    assert!(read.problems[0].reason.contains("\"Customized Time Zone\" is not known"), "{}", read.problems[0].reason);
}

#[test]
fn weekly_nine_o_clock_in_berlin_stays_nine_across_summer_time() {
    let archive = ics("BEGIN:VEVENT\nUID:dst\nDTSTART;TZID=Europe/Berlin:20260316T090000\nRRULE:FREQ=WEEKLY;COUNT=4\n\
         ORGANIZER:mailto:me@x.com\nATTENDEE:mailto:ana@x.com\nEND:VEVENT\n");
    let read = read_at(&archive, now());
    let berlin: Vec<String> = meetings(&read)
        .iter()
        .map(|m| chrono_tz::Europe::Berlin.timestamp_opt(m.1, 0).unwrap().format("%m-%d %H:%M").to_string())
        .collect();
    assert_eq!(berlin, ["03-16 09:00", "03-23 09:00", "03-30 09:00", "04-06 09:00"]);
    let utc_hours: Vec<String> = meetings(&read).iter().map(|m| Utc.timestamp_opt(m.1, 0).unwrap().format("%H:%M").to_string()).collect();
    assert_eq!(utc_hours, ["08:00", "08:00", "07:00", "07:00"], "the instant shifts by an hour on 29 March");
}

#[test]
fn recurrence_rules_expand_up_to_now() {
    let event = |uid: &str, start: &str, rule: &str| {
        format!("BEGIN:VEVENT\nUID:{uid}\nDTSTART:{start}\nRRULE:{rule}\nORGANIZER:mailto:me@x.com\nATTENDEE:mailto:bo@x.com\nEND:VEVENT\n")
    };
    let archive = ics(&[
        event("second-tuesday", "20260113T100000Z", "FREQ=MONTHLY;BYDAY=2TU"),
        event("month-end", "20260131T100000Z", "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3"),
        event("every-other-day", "20260501T100000Z", "FREQ=DAILY;INTERVAL=2;UNTIL=20260507T235959Z"),
        event("yearly", "20230301T100000Z", "FREQ=YEARLY"),
        event("mon-wed", "20260518T100000Z", "FREQ=WEEKLY;BYDAY=MO,WE"),
    ]
    .concat());
    let read = read_at(&archive, now());
    let days = |uid: &str| -> Vec<String> {
        meetings(&read).iter().filter(|m| m.0 == uid).map(|m| Utc.timestamp_opt(m.1, 0).unwrap().format("%Y-%m-%d").to_string()).collect()
    };
    assert_eq!(days("second-tuesday"), ["2026-01-13", "2026-02-10", "2026-03-10", "2026-04-14", "2026-05-12"]);
    assert_eq!(days("month-end"), ["2026-01-31", "2026-02-28", "2026-03-31"]);
    assert_eq!(days("every-other-day"), ["2026-05-01", "2026-05-03", "2026-05-05", "2026-05-07"]);
    assert_eq!(days("yearly"), ["2023-03-01", "2024-03-01", "2025-03-01", "2026-03-01"]);
    assert_eq!(days("mon-wed"), ["2026-05-18", "2026-05-20", "2026-05-25", "2026-05-27"]);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
}

#[test]
fn a_series_is_capped_and_says_so() {
    let archive = ics("BEGIN:VEVENT\nUID:forever\nDTSTART:19900101T090000Z\nRRULE:FREQ=DAILY\n\
         ORGANIZER:mailto:me@x.com\nATTENDEE:mailto:bo@x.com\nEND:VEVENT\n");
    let read = read_at(&archive, now());
    assert_eq!(read.messages.len(), 5_000);
    assert_eq!(read.problems.len(), 1);
    assert_eq!(read.problems[0].line, Some(6));
    assert!(read.problems[0].reason.contains("more than 5000 times"), "{}", read.problems[0].reason);
}

#[test]
fn a_rule_it_cannot_read_keeps_the_first_occurrence() {
    let archive = ics("BEGIN:VEVENT\nUID:setpos\nDTSTART:20260130T090000Z\nRRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1\n\
         ORGANIZER:mailto:me@x.com\nATTENDEE:mailto:bo@x.com\nEND:VEVENT\n");
    let read = read_at(&archive, now());
    assert_eq!(meetings(&read).iter().map(|m| m.1).collect::<Vec<_>>(), [utc("2026-01-30T09:00:00Z")]);
    assert_eq!(read.problems[0].reason, "RRULE BYSETPOS is not read; only the first occurrence is read");
}

#[test]
fn a_file_cut_short_keeps_the_events_before_the_cut() {
    let text = std::fs::read_to_string(fixture("google.ics")).unwrap();
    let cut = text.find("SUMMARY:Vendor pitch").unwrap();
    let archive = Archive::from_parts("cut.ics", vec![("cut.ics".into(), text.as_bytes()[..cut].to_vec())]);
    let read = read_at(&archive, now());
    assert_eq!(read.messages.len(), 6, "the weekly series is whole");
    let last = read.problems.last().unwrap();
    assert_eq!((last.part.as_str(), last.line), ("cut.ics", Some(70)));
    assert_eq!(last.reason, "the file ends inside this event (cut short?); it was not read");
}

#[test]
fn broken_input_gives_problems_never_a_panic() {
    let inputs: Vec<Vec<u8>> = vec![
        b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID=\"a:b\nRRULE:FREQ=WEEKLY;BYDAY=-99XX;INTERVAL=0\nEND:VCALENDAR".to_vec(),
        b"BEGIN:VEVENT\nDTSTART:99991231T235959Z\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\nATTENDEE:mailto:a@b\nEND:VEVENT".to_vec(),
        b"BEGIN:VEVENT\nDTSTART:00010101T000000\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\nATTENDEE:mailto:a@b\nEND:VEVENT".to_vec(),
        b"END:VEVENT\nEND:VEVENT\n \n\t\n:\n;;;:\nEXDATE;VALUE=DATE:2026,,x\n".to_vec(),
        vec![0xff, 0xfe, 0x00, b'\n'],
    ];
    for bytes in inputs {
        match rapport_core::transfer::archive::read_bytes("calendar.ics", bytes) {
            Ok(reads) => assert!(reads.iter().all(|r| r.messages.iter().all(|m| m.thread < r.threads.len()))),
            Err(e) => assert_eq!(e.field(), Some("file")),
        }
    }
}

#[test]
fn an_archive_without_calendars_is_not_read_as_one() {
    let archive = Archive::from_parts("notes.zip", vec![("notes.txt".into(), b"BEGIN:VCALENDAR".to_vec())]);
    assert!(calendar::read_until(&archive, now()).unwrap().is_none());
    assert!(read(&archive).is_err(), "nothing Rapport reads");
    let both = read(&Archive::open(&fixture("google.ics")).unwrap()).unwrap();
    assert_eq!(both.iter().map(|r| r.source).collect::<Vec<_>>(), [ArchiveSource::Calendar]);
}

#[test]
fn the_fuzzer_seeds_read() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/archive_calendar");
    let mut seeds = 0;
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let reads = rapport_core::transfer::archive::read_bytes("calendar.ics", std::fs::read(entry.path()).unwrap()).unwrap();
        assert!(!reads[0].messages.is_empty(), "{}", entry.path().display());
        seeds += 1;
    }
    assert!(seeds >= 3);
}
