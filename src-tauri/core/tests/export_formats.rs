//! The open formats: people and touches as CSV, people as vCard 4.0, open follow-ups as
//! iCalendar. Each compared with the exact file expected.

mod common;

use chrono::{NaiveDate, NaiveTime};
use common::{at, Fixture};
use rapport_core::agenda::{FollowUpInput, Snooze};
use rapport_core::people::{DateInput, NewHandle, PersonEdit};
use rapport_core::vocab::{Channel, DateKind, FollowUpKind, HandlePlatform as P, Outcome, Rung};

fn handle(platform: P, value: &str, professional: bool) -> NewHandle {
    NewHandle { platform, value: value.into(), url: String::new(), professional }
}

/// Ana with everything a person can have, Bo archived, Cy merged into Ana.
fn diary() -> (Fixture, i64, i64) {
    let mut f = Fixture::at(at(2026, 3, 31, 12, 0), chrono_tz::Europe::Berlin);
    let ana = f
        .diary
        .add_person(&PersonEdit {
            display_name: "Ana Lima".into(),
            company: "Lima, Costa & \"Partners\"".into(),
            title: "=HYPERLINK(\"http://evil.example\")".into(),
            how_met: "Lisbon meetup".into(),
            why_matters: "Opens doors in Brazil; knows everyone".into(),
            notes: "Two lines,\nwith a comma; and a semicolon. Ünïcödé ✓ and a long tail to fold across the seventy-five octet line limit"
                .into(),
            cadence_days: Some(30),
            handles: vec![
                handle(P::Email, "ana@lima.example", true),
                handle(P::Email, "ana@home.example", false),
                handle(P::Phone, "+55 11 5555 0100", true),
                handle(P::Linkedin, "ana-lima", true),
                handle(P::X, "@analima", true),
                handle(P::Website, "lima.example", true),
            ],
            tags: vec!["Clients".into(), "São Paulo, BR".into()],
            rung: None,
        })
        .unwrap()
        .id;
    let bo = f.person("Bo");
    f.diary.archive_person(bo).unwrap();
    let cy = f.person("Cy");
    f.diary.merge_people(ana, cy).unwrap();
    (f, ana, bo)
}

#[test]
fn people_as_csv() {
    let (mut f, ana, _) = diary();
    f.touch(ana, Channel::Phone, at(2026, 3, 30, 8, 15), |_| {});
    let csv = f.diary.export_people_csv().unwrap();
    assert_eq!(
        csv,
        "Name,Company,Title,Rung,Tags,Email,Phone,LinkedIn,X,Facebook,Instagram,Website,Other,How we met,Why they matter,Notes,Cadence (days),Last touch,Added,Archived\r\n\
         Ana Lima,\"Lima, Costa & \"\"Partners\"\"\",\"'=HYPERLINK(\"\"http://evil.example\"\")\",Spoken,\"Clients; São Paulo, BR\",\
         ana@lima.example; ana@home.example,+55 11 5555 0100,ana-lima,@analima,,,lima.example,,Lisbon meetup,Opens doors in Brazil; knows everyone,\
         \"Two lines,\nwith a comma; and a semicolon. Ünïcödé ✓ and a long tail to fold across the seventy-five octet line limit\",30,2026-03-30,2026-03-31,\r\n\
         Bo,,,Noticed,,,,,,,,,,,,,,,2026-03-31,2026-03-31\r\n"
    );
}

#[test]
fn touches_as_csv() {
    let (mut f, ana, bo) = diary();
    f.diary.restore_person(bo).unwrap();
    f.touch(ana, Channel::DirectMessage, at(2026, 3, 29, 23, 30), |t| {
        t.people.push(bo);
        t.platform = Some(P::Linkedin);
        t.direction = rapport_core::vocab::Direction::In;
        t.notes = "-1 point, \"quoted\"".into();
        t.outcome = Outcome::Replied;
    });
    f.touch(ana, Channel::InPerson, at(2026, 3, 30, 9, 0), |t| {
        t.duration_minutes = Some(45);
        t.outcome = Outcome::BusinessWon;
        t.outcome_value_cents = Some(1_250_050);
        t.outcome_currency = Some("EUR".into());
    });
    let gone = f.touch(bo, Channel::Email, at(2026, 3, 30, 10, 0), |_| {});
    f.diary.delete_touch(gone).unwrap();
    // Local time in Berlin: 23:30 UTC on the 29th is 01:30 on the 30th (summer time).
    assert_eq!(
        f.diary.export_touches_csv().unwrap(),
        "When,People,Channel,Platform,Direction,Personal,Minutes,Outcome,Value,Currency,Notes\r\n\
         2026-03-30 01:30,Ana Lima; Bo,Direct message,LinkedIn,They reached out,yes,,replied,,,\"'-1 point, \"\"quoted\"\"\"\r\n\
         2026-03-30 11:00,Ana Lima,In person,,I reached out,yes,45,business won,12500.50,EUR,\r\n"
    );
}

#[test]
fn people_as_vcard_4_and_back() {
    let (f, _, _) = diary();
    let vcf = f.diary.export_vcard().unwrap();
    assert_eq!(
        vcf,
        "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:rapport:person:1\r\nFN:Ana Lima\r\n\
         ORG:Lima\\, Costa & \"Partners\"\r\nTITLE:=HYPERLINK(\"http://evil.example\")\r\n\
         EMAIL;TYPE=work:ana@lima.example\r\nEMAIL;TYPE=home:ana@home.example\r\nTEL;TYPE=work:+55 11 5555 0100\r\n\
         X-SOCIALPROFILE;TYPE=linkedin;X-USER=\"ana-lima\":https://www.linkedin.com/in\r\n /ana-lima\r\n\
         X-SOCIALPROFILE;TYPE=x;X-USER=\"@analima\":https://x.com/analima\r\n\
         URL;TYPE=work:https://lima.example\r\nCATEGORIES:Clients,São Paulo\\, BR\r\n\
         NOTE:Two lines\\,\\nwith a comma\\; and a semicolon. Ünïcödé ✓ and a lon\r\n g tail to fold across the seventy-five octet line limit\r\n\
         END:VCARD\r\n"
    );
    assert!(vcf.split("\r\n").all(|l| l.len() <= 75), "every line folds at 75 octets");
    // Back into an empty diary: the same person, field by field.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("people.vcf");
    std::fs::write(&path, &vcf).unwrap();
    let mut other = Fixture::new();
    let preview = other.diary.preview_import(&path).unwrap();
    other.diary.apply_import(&path, &preview.fingerprint).unwrap();
    let (a, b) = (f.diary.person(1).unwrap(), other.diary.person(1).unwrap());
    assert_eq!((&b.display_name, &b.company, &b.title, &b.notes, &b.tags), (&a.display_name, &a.company, &a.title, &a.notes, &a.tags));
    let handles =
        |p: &rapport_core::people::Person| p.handles.iter().map(|h| (h.platform, h.value.clone(), h.professional)).collect::<Vec<_>>();
    let mut expected = handles(&a);
    expected[5].1 = "https://lima.example".into(); // a website comes back as the address it opens
    assert_eq!(handles(&b), expected);
    assert_eq!(b.rung, Rung::Noticed);
    assert!(other.diary.person(2).is_err(), "archived and merged people are not exported");
}

#[test]
fn open_follow_ups_as_icalendar() {
    let (mut f, ana, _) = diary();
    let add = |f: &mut Fixture, title: &str, day: u32, time: Option<(u32, u32)>, person: Option<i64>| {
        f.diary
            .add_follow_up(&FollowUpInput {
                person_id: person,
                touch_id: None,
                kind: FollowUpKind::Call,
                title: title.into(),
                notes: if person.is_some() { "Ask about Q2, the budget; and the team".into() } else { String::new() },
                due_date: NaiveDate::from_ymd_opt(2026, 4, day).unwrap().into(),
                due_time: time.map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0).unwrap()),
            })
            .unwrap()
            .id
    };
    add(&mut f, "Call Ana", 2, Some((9, 30)), Some(ana));
    add(&mut f, "Send the deck", 1, None, None);
    let snoozed = add(&mut f, "Thank the host", 1, Some((8, 0)), None);
    f.diary.snooze_follow_up(snoozed, Snooze::Until(at(2026, 4, 3, 7, 0))).unwrap();
    let done = add(&mut f, "Done already", 1, None, None);
    f.diary.complete_follow_up(done, None).unwrap();
    assert_eq!(
        f.diary.export_follow_ups_ics().unwrap(),
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Rapport//Follow-ups//EN\r\nCALSCALE:GREGORIAN\r\nX-WR-CALNAME:Rapport follow-ups\r\n\
         BEGIN:VEVENT\r\nUID:follow-up-2@rapport\r\nDTSTAMP:20260331T120000Z\r\nDTSTART;VALUE=DATE:20260401\r\nDTEND;VALUE=DATE:20260402\r\n\
         SUMMARY:Send the deck\r\nCATEGORIES:CALL\r\nEND:VEVENT\r\n\
         BEGIN:VEVENT\r\nUID:follow-up-1@rapport\r\nDTSTAMP:20260331T120000Z\r\nDTSTART:20260402T073000Z\r\nDURATION:PT15M\r\n\
         SUMMARY:Call Ana\r\nDESCRIPTION:With Ana Lima\\nAsk about Q2\\, the budget\\; and the team\r\nCATEGORIES:CALL\r\nEND:VEVENT\r\n\
         BEGIN:VEVENT\r\nUID:follow-up-3@rapport\r\nDTSTAMP:20260331T120000Z\r\nDTSTART:20260403T070000Z\r\nDURATION:PT15M\r\n\
         SUMMARY:Thank the host\r\nCATEGORIES:CALL\r\nEND:VEVENT\r\n\
         END:VCALENDAR\r\n"
    );
}

#[test]
fn a_birthday_and_an_anniversary_go_out_in_the_vcard_and_come_back_as_dates() {
    let (mut f, ana, _) = diary();
    let date = |kind, label: &str, month, day, year| DateInput { kind, label: label.into(), month, day, year };
    f.diary.add_date(ana, &date(DateKind::Birthday, "", 4, 12, Some(1985))).unwrap();
    f.diary.add_date(ana, &date(DateKind::Other, "Anniversary", 2, 29, None)).unwrap();
    f.diary.add_date(ana, &date(DateKind::MetOn, "", 3, 1, Some(2024))).unwrap();
    let vcf = f.diary.export_vcard().unwrap();
    assert!(vcf.contains("\r\nBDAY:19850412\r\nANNIVERSARY:--0229\r\n"), "{vcf}");
    assert_eq!(vcf.matches("BDAY").count() + vcf.matches("ANNIVERSARY").count(), 2, "the day you met has no vCard property");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("people.vcf");
    std::fs::write(&path, &vcf).unwrap();
    let mut other = Fixture::new();
    let preview = other.diary.preview_import(&path).unwrap();
    other.diary.apply_import(&path, &preview.fingerprint).unwrap();
    let texts: Vec<(DateKind, String, String)> =
        other.diary.person_dates(1).unwrap().into_iter().map(|d| (d.kind, d.label, d.text)).collect();
    assert_eq!(
        texts,
        [(DateKind::Other, "Anniversary".into(), "29 February".into()), (DateKind::Birthday, String::new(), "12 April 1985".into())]
    );
}
