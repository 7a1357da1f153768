//! Important dates in the calendar export: yearly all-day events, read back.

mod common;

use std::collections::BTreeMap;

use common::Fixture;
use rapport_core::people::DateInput;
use rapport_core::vocab::DateKind;

/// Each event of an iCalendar text (lines unfolded) as its properties by name.
fn events(ics: &str) -> Vec<BTreeMap<String, String>> {
    let unfolded = ics.replace("\r\n ", "");
    let mut events = Vec::new();
    let mut current: Option<BTreeMap<String, String>> = None;
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        match line {
            "BEGIN:VEVENT" => current = Some(BTreeMap::new()),
            "END:VEVENT" => events.extend(current.take()),
            _ => {
                let (name, value) = line.split_once(':').expect("a property");
                if let Some(event) = current.as_mut() {
                    event.insert(name.to_owned(), value.to_owned());
                }
            }
        }
    }
    events
}

#[test]
fn each_date_is_a_yearly_all_day_event_with_a_stable_uid() {
    let mut f = Fixture::new();
    let (ana, bo) = (f.person("Ana López"), f.person("Bo Larsen"));
    let add = |f: &mut Fixture, p, kind, label: &str, month, day, year| {
        f.diary.add_date(p, &DateInput { kind, label: label.into(), month, day, year }).unwrap().id
    };
    let birthday = add(&mut f, ana, DateKind::Birthday, "", 4, 12, Some(1985));
    let leap = add(&mut f, bo, DateKind::Birthday, "", 2, 29, None);
    let other = add(&mut f, bo, DateKind::Other, "Shop opened, finally", 9, 1, Some(2019));

    let ics = f.diary.export_follow_ups_ics().unwrap();
    let dated: Vec<_> = events(&ics).into_iter().filter(|e| e["UID"].starts_with("date-")).collect();
    let get = |e: &BTreeMap<String, String>, k: &str| e[k].clone();
    assert_eq!(dated.len(), 3);
    let of = |id: i64| dated.iter().find(|e| e["UID"] == format!("date-{id}@rapport")).unwrap();

    let e = of(leap);
    assert_eq!(get(e, "SUMMARY"), "Bo Larsen's birthday");
    assert_eq!(get(e, "DTSTART;VALUE=DATE"), "20000229", "no year: a leap year, so the 29th exists");
    assert_eq!(get(e, "DTEND;VALUE=DATE"), "20000301");
    assert_eq!(get(e, "RRULE"), "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1", "February's last day: the 28th in other years");

    let e = of(birthday);
    assert_eq!((get(e, "DTSTART;VALUE=DATE"), get(e, "RRULE")), ("19850412".into(), "FREQ=YEARLY".into()));
    assert_eq!(get(e, "SUMMARY"), "Ana López's birthday");

    let e = of(other);
    assert_eq!(get(e, "SUMMARY"), "Bo Larsen: Shop opened\\, finally", "escaped as RFC 5545 says");
    assert_eq!(get(e, "DTSTART;VALUE=DATE"), "20190901");

    // Exported again, the same events with the same UIDs.
    assert_eq!(f.diary.export_follow_ups_ics().unwrap(), ics);
    // An archived person's dates leave the calendar.
    f.diary.archive_person(bo).unwrap();
    let left: Vec<_> = events(&f.diary.export_follow_ups_ics().unwrap()).into_iter().map(|e| e["UID"].clone()).collect();
    assert_eq!(left, [format!("date-{birthday}@rapport")]);
}
