//! Import keeps the dates contact files carry as the person's important dates: a vCard's
//! BDAY and anniversaries, a Google Contacts CSV's Birthday and events, in every form
//! those files write them; what is not a date stays in the notes.

mod common;

use std::path::{Path, PathBuf};

use common::{at, Fixture};
use rapport_core::people::{DateInput, NewHandle, PersonEdit};
use rapport_core::transfer::{ImportAction, ImportCounts, ImportPreview};
use rapport_core::vocab::{DateKind, HandlePlatform};

/// Writes `text` as a file beside the diary.
fn file(f: &Fixture, name: &str, text: &str) -> PathBuf {
    let path = f.dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn import(f: &mut Fixture, path: &Path) -> (ImportPreview, ImportCounts) {
    let preview = f.diary.preview_import(path).unwrap();
    let counts = f.diary.apply_import(path, &preview.fingerprint).unwrap();
    (preview, counts)
}

/// A person's dates as (kind, label, "12 April 1985").
fn dates(f: &Fixture, id: i64) -> Vec<(DateKind, String, String)> {
    f.diary.person_dates(id).unwrap().into_iter().map(|d| (d.kind, d.label, d.text)).collect()
}

/// A date as a test expects it: (kind, label, "12 April 1985").
type Date<'a> = (DateKind, &'a str, &'a str);

fn birthday(text: &str) -> (DateKind, String, String) {
    (DateKind::Birthday, String::new(), text.to_owned())
}

fn other(label: &str, text: &str) -> (DateKind, String, String) {
    (DateKind::Other, label.to_owned(), text.to_owned())
}

/// The person named `name`.
fn id_of(f: &Fixture, name: &str) -> i64 {
    let person = (1..).map_while(|id| f.diary.person(id).ok()).find(|p| p.display_name == name);
    person.unwrap_or_else(|| panic!("{name} imported")).id
}

/// One card per person: `FN:name` and the given lines, in vCard `version`.
fn cards(version: &str, people: &[(&str, &[&str])]) -> String {
    let mut text = String::new();
    for (name, lines) in people {
        text.push_str(&format!("BEGIN:VCARD\r\nVERSION:{version}\r\nFN:{name}\r\n"));
        for line in *lines {
            text.push_str(line);
            text.push_str("\r\n");
        }
        text.push_str("END:VCARD\r\n");
    }
    text
}

#[test]
fn vcard_3_dates_in_every_form_become_important_dates() {
    let mut f = Fixture::new();
    let people: &[(&str, &[&str], &[Date<'_>])] = &[
        ("Ada Dashes", &["BDAY;value=date:1985-04-12"], &[(DateKind::Birthday, "", "12 April 1985")]),
        ("Ben Basic", &["BDAY:19850412"], &[(DateKind::Birthday, "", "12 April 1985")]),
        ("Cleo Clock", &["BDAY:1985-04-12T00:00:00Z"], &[(DateKind::Birthday, "", "12 April 1985")]),
        ("Dev DateTime", &["BDAY;VALUE=date-time:19850412T000000Z"], &[(DateKind::Birthday, "", "12 April 1985")]),
        // Apple writes 1604 for a year it does not know, flagged or not.
        ("Eve Apple", &["BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-12"], &[(DateKind::Birthday, "", "12 April")]),
        ("Finn Placeholder", &["BDAY:1604-04-12"], &[(DateKind::Birthday, "", "12 April")]),
        ("Gia Leap", &["BDAY:1604-02-29"], &[(DateKind::Birthday, "", "29 February")]),
        ("Hal Wedding", &["X-ANNIVERSARY:2010-06-12"], &[(DateKind::Other, "Anniversary", "12 June 2010")]),
        ("Ivy Evolution", &["X-EVOLUTION-ANNIVERSARY:2010-06-12"], &[(DateKind::Other, "Anniversary", "12 June 2010")]),
        (
            "Jo Apple",
            &[
                "BDAY;X-APPLE-OMIT-YEAR=1604:1604-11-02",
                "item1.X-ABDATE;type=pref:2010-06-12",
                "item1.X-ABLabel:_$!<Anniversary>!$_",
                "item2.X-ABDATE:2015-09-01",
                "item2.X-ABLabel:Graduation",
            ],
            &[
                (DateKind::Other, "Anniversary", "12 June 2010"),
                (DateKind::Other, "Graduation", "1 September 2015"),
                (DateKind::Birthday, "", "2 November"),
            ],
        ),
    ];
    let text = cards("3.0", &people.iter().map(|(n, l, _)| (*n, *l)).collect::<Vec<_>>());
    let path = file(&f, "contacts.vcf", &text);
    let (preview, done) = import(&mut f, &path);
    assert_eq!(done.new, people.len(), "{:?}", preview.rows);
    for (name, _, want) in people {
        let id = id_of(&f, name);
        let want: Vec<_> = want.iter().map(|(k, l, t)| (*k, l.to_string(), t.to_string())).collect();
        assert_eq!(dates(&f, id), want, "{name}");
        assert_eq!(f.diary.person(id).unwrap().notes, "", "{name}: the date is not in the notes as well");
    }
}

#[test]
fn vcard_4_dates_without_a_year_and_anniversaries() {
    let mut f = Fixture::new();
    let text = cards(
        "4.0",
        &[
            ("Kai Compact", &["BDAY:--0412"]),
            ("Lea Extended", &["BDAY:--04-12", "ANNIVERSARY:20100612"]),
            ("Max Leapling", &["BDAY;VALUE=date:--0229"]),
            ("Nia Thunderbird", &["BDAY;VALUE=DATE:19850412", "ANNIVERSARY;VALUE=date-and-or-time:2010-06-12T15:00:00+02:00"]),
        ],
    );
    let path = file(&f, "v4.vcf", &text);
    import(&mut f, &path);
    assert_eq!(dates(&f, id_of(&f, "Kai Compact")), [birthday("12 April")]);
    assert_eq!(dates(&f, id_of(&f, "Lea Extended")), [birthday("12 April"), other("Anniversary", "12 June 2010")]);
    // 29 February with no year is a birthday every year has a day for.
    assert_eq!(dates(&f, id_of(&f, "Max Leapling")), [birthday("29 February")]);
    assert_eq!(dates(&f, id_of(&f, "Nia Thunderbird")), [birthday("12 April 1985"), other("Anniversary", "12 June 2010")]);
}

#[test]
fn a_date_that_is_text_or_impossible_stays_in_the_notes() {
    // Now is 31 March 2026.
    let mut f = Fixture::new();
    let text = cards(
        "4.0",
        &[
            ("Ola Text", &["NOTE:Met in Lisbon.", "BDAY;VALUE=text:circa 1980"]),
            ("Pia Slashes", &["BDAY:12/04/1985"]),
            ("Quin NotLeap", &["BDAY:1985-02-29"]),
            ("Rui Old", &["BDAY:1815-12-10"]),
            ("Sam Future", &["BDAY:2030-01-01"]),
            ("Tea Month13", &["BDAY:1985-13-01", "ANNIVERSARY;VALUE=text:our wedding"]),
            ("Uma Bytes", &["BDAY:ab€cde"]),
            ("Vic YearOnly", &["BDAY:1985"]),
            // The file says it is text, even if it reads like a date.
            ("Wes SaysText", &["BDAY;VALUE=text:1985-04-12"]),
        ],
    );
    let path = file(&f, "odd.vcf", &text);
    let (_, done) = import(&mut f, &path);
    assert_eq!(done.new, 9, "an odd date rejects no one");
    let notes = |name: &str| {
        let id = id_of(&f, name);
        assert_eq!(dates(&f, id), [], "{name} has no date");
        f.diary.person(id).unwrap().notes
    };
    assert_eq!(notes("Ola Text"), "Met in Lisbon.\nBirthday: circa 1980");
    assert_eq!(notes("Pia Slashes"), "Birthday: 12/04/1985");
    assert_eq!(notes("Quin NotLeap"), "Birthday: 1985-02-29");
    assert_eq!(notes("Rui Old"), "Birthday: 1815-12-10");
    assert_eq!(notes("Sam Future"), "Birthday: 2030-01-01");
    assert_eq!(notes("Tea Month13"), "Birthday: 1985-13-01\nAnniversary: our wedding");
    assert_eq!(notes("Uma Bytes"), "Birthday: ab€cde");
    assert_eq!(notes("Vic YearOnly"), "Birthday: 1985");
    assert_eq!(notes("Wes SaysText"), "Birthday: 1985-04-12");
}

#[test]
fn a_date_time_near_midnight_is_the_day_written_in_any_time_zone() {
    let text = cards(
        "4.0",
        &[
            ("Late Utc", &["BDAY:1985-04-12T23:30:00Z"]),
            ("Early Utc", &["BDAY;VALUE=date-time:19850412T000000Z"]),
            ("Offset East", &["BDAY:1985-04-12T00:30:00+14:00"]),
        ],
    );
    for tz in [chrono_tz::America::Los_Angeles, chrono_tz::Pacific::Kiritimati] {
        let mut f = Fixture::at(at(2026, 3, 31, 12, 0), tz);
        let path = file(&f, "midnight.vcf", &text);
        import(&mut f, &path);
        for name in ["Late Utc", "Early Utc", "Offset East"] {
            assert_eq!(dates(&f, id_of(&f, name)), [birthday("12 April 1985")], "{name} in {tz}");
        }
    }
}

const GOOGLE_HEADER: &str = "First Name,Middle Name,Last Name,Organization Name,Organization Title,Birthday,Notes,Labels,\
                             E-mail 1 - Label,E-mail 1 - Value,Event 1 - Label,Event 1 - Value,Event 2 - Label,Event 2 - Value";

#[test]
fn google_contacts_birthdays_and_events() {
    let mut f = Fixture::new();
    let text = format!(
        "{GOOGLE_HEADER}\n\
         Ana,,Lima,,,1985-04-12,,* myContacts,Work,ana@lima.example,Anniversary,2010-06-12,Graduation,2015-09-01\n\
         Bo,,Berg,,,\" --04-12\",,* myContacts,Work,bo@berg.example,,,,\n\
         Cy,,Cole,,,--02-29,Likes tea,* myContacts,,,Other,--07-04,Graduation,last spring\n\
         Di,,Dunn,,,12 April,,* myContacts,,,anniversary,2099-01-01,,\n"
    );
    let path = file(&f, "contacts.csv", &text);
    let (preview, done) = import(&mut f, &path);
    assert_eq!(preview.format_label, "Google Contacts");
    assert_eq!(done.new, 4);
    let ana = id_of(&f, "Ana Lima");
    assert_eq!(dates(&f, ana), [birthday("12 April 1985"), other("Anniversary", "12 June 2010"), other("Graduation", "1 September 2015")]);
    assert_eq!(f.diary.person(ana).unwrap().notes, "");
    assert_eq!(dates(&f, id_of(&f, "Bo Berg")), [birthday("12 April")]);
    let cy = id_of(&f, "Cy Cole");
    // Google's "Other" names nothing: the date is just a date.
    assert_eq!(dates(&f, cy), [birthday("29 February"), other("Date", "4 July")]);
    assert_eq!(f.diary.person(cy).unwrap().notes, "Likes tea\nGraduation: last spring");
    let di = id_of(&f, "Di Dunn");
    assert_eq!(dates(&f, di), []);
    assert_eq!(f.diary.person(di).unwrap().notes, "Birthday: 12 April\nAnniversary: 2099-01-01");
}

#[test]
fn google_contacts_older_export_names_its_events_by_type() {
    let mut f = Fixture::new();
    let text = "Name,Given Name,Additional Name,Family Name,Birthday,Notes,Group Membership,E-mail 1 - Type,E-mail 1 - Value,\
                Event 1 - Type,Event 1 - Value\n\
                Priya Nair,Priya,,Nair,1990-01-15,,* My Contacts,* Work,priya@nair.example,Anniversary,2018-11-20\n";
    let path = file(&f, "old.csv", text);
    import(&mut f, &path);
    assert_eq!(dates(&f, id_of(&f, "Priya Nair")), [birthday("15 January 1990"), other("Anniversary", "20 November 2018")]);
}

#[test]
fn importing_the_same_dates_again_adds_none_twice() {
    let mut f = Fixture::new();
    let vcf = cards("3.0", &[("Ana Lima", &["EMAIL:ana@lima.example", "BDAY:1985-04-12", "X-ANNIVERSARY:2010-06-12"])]);
    let vcf = file(&f, "ana.vcf", &vcf);
    let csv = file(&f, "ana.csv", &format!("{GOOGLE_HEADER}\nAna,,Lima,,,1985-04-12,,,Work,ana@lima.example,Anniversary,2010-06-12,,\n"));
    import(&mut f, &vcf);
    let ana = id_of(&f, "Ana Lima");
    let before = f.diary.export_json().unwrap();
    for path in [&vcf, &csv, &vcf] {
        let (preview, done) = import(&mut f, path);
        assert_eq!(done, ImportCounts { new: 0, update: 0, unchanged: 1, rejected: 0 }, "{:?}", preview.rows);
    }
    assert_eq!(dates(&f, ana), [birthday("12 April 1985"), other("Anniversary", "12 June 2010")]);
    assert_eq!(f.diary.export_json().unwrap(), before);
}

#[test]
fn a_matched_person_gets_the_dates_they_lack_and_keeps_their_own() {
    let mut f = Fixture::new();
    let email = |value: &str| NewHandle { platform: HandlePlatform::Email, value: value.into(), url: String::new(), professional: true };
    let ana =
        f.diary.add_person(&PersonEdit { display_name: "Ana L.".into(), handles: vec![email("ana@lima.example")], ..Default::default() });
    let ana = ana.unwrap().id;
    // A birthday without its year: the file's year fills it in.
    f.diary.add_date(ana, &DateInput { kind: DateKind::Birthday, label: String::new(), month: 4, day: 12, year: None }).unwrap();
    let bo = f.diary.add_person(&PersonEdit { display_name: "Bo Berg".into(), ..Default::default() }).unwrap().id;
    // Bo's birthday as the user typed it stands; the file's other day is not added beside it.
    f.diary.add_date(bo, &DateInput { kind: DateKind::Birthday, label: String::new(), month: 5, day: 3, year: Some(1980) }).unwrap();
    let cy = f.person("Cy Cole");

    let text = cards(
        "3.0",
        &[
            ("Ana Lima", &["EMAIL:ana@lima.example", "BDAY:1985-04-12", "X-ANNIVERSARY:2010-06-12"]),
            ("Bo Berg", &["BDAY:1980-05-04"]),
            ("Cy Cole", &["BDAY:--0229"]),
        ],
    );
    let path = file(&f, "matched.vcf", &text);
    let preview = f.diary.preview_import(&path).unwrap();
    let rows: Vec<(&ImportAction, &str)> = preview.rows.iter().map(|r| (&r.action, r.what.as_str())).collect();
    assert_eq!(
        rows,
        [
            (
                &ImportAction::Update {
                    person_id: ana,
                    person_name: "Ana L.".into(),
                    adds: vec!["birthday 12 April 1985".into(), "Anniversary 12 June 2010".into()]
                },
                "Adds birthday 12 April 1985, Anniversary 12 June 2010 to Ana L."
            ),
            (&ImportAction::Unchanged { person_id: bo, person_name: "Bo Berg".into() }, "Already here as Bo Berg"),
            (
                &ImportAction::Update { person_id: cy, person_name: "Cy Cole".into(), adds: vec!["birthday 29 February".into()] },
                "Adds birthday 29 February to Cy Cole"
            ),
        ]
    );
    assert_eq!(f.diary.person_dates(ana).unwrap().len(), 1, "the preview writes nothing");
    let done = f.diary.apply_import(&path, &preview.fingerprint).unwrap();
    assert_eq!(done, ImportCounts { new: 0, update: 2, unchanged: 1, rejected: 0 });
    assert_eq!(dates(&f, ana), [birthday("12 April 1985"), other("Anniversary", "12 June 2010")]);
    assert_eq!(dates(&f, bo), [birthday("3 May 1980")]);
    assert_eq!(dates(&f, cy), [birthday("29 February")]);

    let (_, again) = import(&mut f, &path);
    assert_eq!(again, ImportCounts { new: 0, update: 0, unchanged: 3, rejected: 0 });
}

#[test]
fn a_second_birthday_in_one_card_stays_in_the_notes() {
    let mut f = Fixture::new();
    let text = cards("3.0", &[("Ana Lima", &["BDAY:1985-04-12", "BDAY:--0412", "BDAY:1985-04-13"])]);
    let path = file(&f, "twice.vcf", &text);
    import(&mut f, &path);
    let ana = id_of(&f, "Ana Lima");
    assert_eq!(dates(&f, ana), [birthday("12 April 1985")]);
    assert_eq!(f.diary.person(ana).unwrap().notes, "Birthday: 1985-04-13");
}
