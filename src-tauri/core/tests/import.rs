//! Import: every fixture file's people field by field, matching, idempotence, and bad
//! files refused with a clear message and nothing written.

mod common;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use common::{at, Fixture};
use rapport_core::ladder::BoardQuery;
use rapport_core::people::{Person, PersonEdit};
use rapport_core::transfer::{ImportAction, ImportCounts, ImportPreview};
use rapport_core::vocab::{DateKind, HandlePlatform as P, Rung, RungCause};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

/// Previews and applies a file; returns the preview and what applying did.
fn import(f: &mut Fixture, path: &Path) -> (ImportPreview, ImportCounts) {
    let preview = f.diary.preview_import(path).unwrap();
    let counts = f.diary.apply_import(path, &preview.fingerprint).unwrap();
    (preview, counts)
}

fn counts(new: usize, update: usize, unchanged: usize, rejected: usize) -> ImportCounts {
    ImportCounts { new, update, unchanged, rejected }
}

/// Everyone in the diary, in the order they were added.
fn people(f: &Fixture) -> Vec<Person> {
    (1..).map_while(|id| f.diary.person(id).ok()).collect()
}

/// A person's handles as (platform, value, url, professional).
fn handles(p: &Person) -> Vec<(P, &str, &str, bool)> {
    p.handles.iter().map(|h| (h.platform, h.value.as_str(), h.url.as_str(), h.professional)).collect()
}

fn fields(p: &Person) -> (&str, &str, &str, &str, Rung) {
    (&p.display_name, &p.company, &p.title, &p.notes, p.rung)
}

/// A person's dates as (kind, label, "12 April 1985").
fn dates(f: &Fixture, id: i64) -> Vec<(DateKind, String, String)> {
    f.diary.person_dates(id).unwrap().into_iter().map(|d| (d.kind, d.label, d.text)).collect()
}

/// Where the ladder history says a person was first placed, and when.
fn placed(f: &Fixture, id: i64) -> (Rung, DateTime<Utc>, String) {
    let first = f.diary.rung_history(id).unwrap().remove(0);
    assert_eq!(first.cause, RungCause::Added);
    (first.to, first.changed_at, first.reason)
}

fn rejected(preview: &ImportPreview) -> Vec<(usize, &str)> {
    preview
        .rows
        .iter()
        .filter_map(|r| match &r.action {
            ImportAction::Rejected { reason } => Some((r.line, reason.as_str())),
            _ => None,
        })
        .collect()
}

#[test]
fn linkedin_connections_become_connected_people_dated_by_the_file() {
    let mut f = Fixture::new();
    let (preview, done) = import(&mut f, &fixture("Connections.csv"));
    assert_eq!(preview.format_label, "LinkedIn connections");
    assert_eq!(preview.file_name, "Connections.csv");
    assert_eq!(preview.counts, counts(5, 0, 0, 3));
    assert_eq!(done, preview.counts);
    // File lines: the byte-order mark and the three-line "Notes:" preamble come first.
    let lines: Vec<usize> = preview.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [5, 6, 7, 8, 9, 10, 11, 12]);
    // What the preview says of each row, in the core's words.
    assert_eq!(preview.rows[0].what, "New, on Connected");
    assert_eq!(preview.rows[4].what, "No name, email or profile to import.");
    assert_eq!(
        rejected(&preview),
        [
            (9, "No name, email or profile to import."),
            (10, "\"Connected On\" is \"31 Feb 2024\", not a date like 15 Mar 2024."),
            (11, "The same person as line 5; imported once."),
        ]
    );

    let all = people(&f);
    assert_eq!(all.len(), 5);
    let ana = &all[0];
    assert_eq!(fields(ana), ("Ana Lima", "Lima, Costa & Partners", "Managing Partner", "", Rung::Connected));
    assert_eq!(
        handles(ana),
        [(P::Linkedin, "ana-lima-4b2a1", "https://www.linkedin.com/in/ana-lima-4b2a1", true), (P::Email, "ana.lima@example.com", "", true),]
    );
    assert_eq!(placed(&f, ana.id), (Rung::Connected, at(2024, 3, 15, 0, 0), "Imported from LinkedIn".to_owned()));
    // Quoted commas and doubled quotes.
    assert_eq!(fields(&all[1]), ("Bram de Vries", "Northwind", "Head of \"Growth\", EMEA", "", Rung::Connected));
    assert_eq!(handles(&all[1]), [(P::Linkedin, "bramdevries", "https://www.linkedin.com/in/bramdevries", true)]);
    assert_eq!(placed(&f, all[1].id).1, at(2023, 1, 2, 0, 0));
    assert_eq!(fields(&all[2]), ("Zoë Ångström", "Fjord AB", "Grundare", "", Rung::Connected));
    // No name: the profile's name stands in, so the connection is not lost.
    assert_eq!(fields(&all[3]), ("kenji-sato-88", "Sato Design", "", "", Rung::Connected));
    assert_eq!(placed(&f, all[3].id).1, at(2022, 11, 11, 0, 0));
    // Markup is kept as the text it is.
    assert_eq!(fields(&all[4]), ("Dmitri Volkov", "<b>Volkov</b> & Co", "Director, \"Special\" Projects", "", Rung::Connected));
    assert_eq!(
        handles(&all[4]),
        [(P::Linkedin, "dvolkov", "https://www.linkedin.com/in/dvolkov", true), (P::Email, "dmitri@volkov.example", "", true)]
    );
    // The Ladder board shows them under Connected.
    let board = f.diary.ladder_board(&BoardQuery::default()).unwrap();
    let connected = board.iter().find(|c| c.rung == Rung::Connected).unwrap();
    assert_eq!(connected.count, 5);
    assert_eq!(connected.people.len(), 5);
}

#[test]
fn google_contacts_in_both_header_forms() {
    let mut f = Fixture::new();
    let (preview, _) = import(&mut f, &fixture("google-contacts.csv"));
    assert_eq!(preview.format_label, "Google Contacts");
    assert_eq!(preview.counts, counts(3, 0, 0, 0));
    assert_eq!(preview.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 4, 5]);
    let all = people(&f);
    let maria = &all[0];
    assert_eq!(
        fields(maria),
        (
            "Dr. Maria José García",
            "Universidad de Sevilla",
            "Profesora",
            "Met at the Madrid meetup.\nPrefers calls on Tuesdays.",
            Rung::Noticed
        )
    );
    assert_eq!(
        handles(maria),
        [
            (P::Email, "maria.garcia@us.example", "", true),
            (P::Email, "mjg@casa.example", "", false),
            (P::Phone, "+34 600 123 456", "", true),
            (P::Linkedin, "mariajgarcia", "https://www.linkedin.com/in/mariajgarcia", true),
            (P::X, "@mjgarcia", "https://twitter.com/mjgarcia", true),
        ]
    );
    assert_eq!(dates(&f, maria.id), [(DateKind::Birthday, String::new(), "21 June 1979".to_owned())]);
    // Google's own groups are left out, but "starred" is worth keeping.
    assert_eq!(maria.tags, ["Clients", "Starred"]);
    assert_eq!(placed(&f, maria.id), (Rung::Noticed, common::now(), "Imported from google-contacts.csv".to_owned()));
    // Several values in one cell, separated by " ::: ".
    assert_eq!(fields(&all[1]), ("Tom Becker", "", "", "", Rung::Noticed));
    assert_eq!(dates(&f, all[1].id), [(DateKind::Birthday, String::new(), "12 April".to_owned())]);
    assert_eq!(
        handles(&all[1]),
        [
            (P::Email, "tom@becker.example", "", true),
            (P::Email, "t.becker@work.example", "", true),
            (P::Phone, "+49 30 1234567", "", true),
            (P::Phone, "+49 171 7654321", "", true),
            (P::Website, "becker.example/blog", "", true),
        ]
    );
    assert_eq!(fields(&all[2]), ("Sunny", "", "", "", Rung::Noticed));
    assert!(all[2].tags.is_empty());

    let (preview, _) = import(&mut f, &fixture("google-contacts-old.csv"));
    assert_eq!(preview.counts, counts(1, 0, 0, 0));
    let priya = &people(&f)[3];
    assert_eq!(fields(priya), ("Priya Nair", "Nair Consulting", "Founder", "Old format export", Rung::Noticed));
    assert_eq!(
        handles(priya),
        [
            (P::Email, "priya@nair.example", "", true),
            (P::Phone, "+91 98 7654 3210", "", true),
            (P::Facebook, "priya.nair", "https://www.facebook.com/priya.nair", true),
        ]
    );
    assert_eq!(priya.tags, ["Prospects"]);
}

#[test]
fn vcard_2_1_quoted_printable_charsets_and_photos() {
    let mut f = Fixture::new();
    let (preview, _) = import(&mut f, &fixture("phone-2.1.vcf"));
    assert_eq!(preview.format_label, "vCard");
    assert_eq!(preview.counts, counts(2, 0, 0, 0));
    assert_eq!(preview.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [1, 16]);
    let all = people(&f);
    // N only (no FN), UTF-8 quoted-printable; ORG in Latin-1; a note with soft line breaks.
    assert_eq!(
        fields(&all[0]),
        ("Jürgen Müller", "Müller & Söhne GmbH", "", "Met at the trade fair in Köln.\nLikes long calls; hates email.", Rung::Noticed)
    );
    assert_eq!(
        handles(&all[0]),
        [
            (P::Phone, "+49 89 555 0100", "", true),
            (P::Phone, "+49 89 555 0199", "", false),
            (P::Email, "juergen@mueller.example", "", true),
        ]
    );
    assert_eq!(fields(&all[1]), ("Sofia Rossi", "", "Responsabile = vendite", "", Rung::Noticed));
    assert_eq!(dates(&f, all[1].id), [(DateKind::Birthday, String::new(), "5 March 1988".to_owned())]);
    assert_eq!(handles(&all[1]), [(P::Website, "http://www.rossi.example", "http://www.rossi.example", true)]);
}

#[test]
fn vcard_3_0_from_an_address_book_with_groups_escapes_and_profiles() {
    let mut f = Fixture::new();
    let (preview, _) = import(&mut f, &fixture("apple-3.0.vcf"));
    assert_eq!(preview.counts, counts(2, 0, 0, 0));
    assert_eq!(preview.rows[0].what, "New", "a vCard says nothing of being connected");
    let all = people(&f);
    let ada = &all[0];
    assert_eq!(
        fields(ada),
        (
            "Ada Okonkwo",
            "Okonkwo, Adeyemi & Partners",
            "Partner",
            "Introduced by Bram; wants a proposal by Q1.\nAsk about the Lagos office and the hiring plan.",
            Rung::Noticed
        )
    );
    assert_eq!(
        handles(ada),
        [
            (P::Email, "ada@okonkwo.example", "", true),
            (P::Phone, "+44 7700 900123", "", true),
            (P::Linkedin, "adaokonkwo", "https://www.linkedin.com/in/adaokonkwo", true),
            (P::Website, "https://ada.example/writing", "https://ada.example/writing", true),
            (P::X, "@adaokonkwo", "http://twitter.com/adaokonkwo", true),
            (P::Other, "skype:ada.okonkwo", "", true),
        ]
    );
    assert_eq!(dates(&f, ada.id), [(DateKind::Birthday, String::new(), "2 November 1984".to_owned())]);
    assert_eq!(ada.tags, ["Clients", "London, UK", "Speakers"]);
    assert_eq!(fields(&all[1]), ("Lukas Berg", "", "", "<script>alert(1)</script>", Rung::Noticed));
    assert_eq!(
        handles(&all[1]),
        [(P::Email, "lukas@berg.example", "", false), (P::Linkedin, "lukasberg", "https://www.linkedin.com/in/lukasberg", true)]
    );
}

#[test]
fn vcard_4_0_and_a_card_cut_short() {
    let mut f = Fixture::new();
    let (preview, done) = import(&mut f, &fixture("cut-4.0.vcf"));
    assert_eq!(preview.counts, counts(1, 0, 0, 1));
    assert_eq!(done, counts(1, 0, 0, 1));
    assert_eq!(rejected(&preview), [(13, "This card has no END:VCARD: the file may be cut short.")]);
    let all = people(&f);
    assert_eq!(all.len(), 1);
    assert_eq!(fields(&all[0]), ("Hana Kobayashi", "Kobayashi Studio", "", "", Rung::Noticed));
    assert_eq!(dates(&f, all[0].id), [(DateKind::Birthday, String::new(), "12 April".to_owned())]);
    assert_eq!(
        handles(&all[0]),
        [
            (P::Email, "hana@kobayashi.example", "", true),
            (P::Phone, "+81-90-1234-5678", "", true),
            (P::X, "@hanakoba", "https://x.com/hanakoba", true),
        ]
    );
}

#[test]
fn importing_the_same_files_again_creates_no_one_and_changes_nothing() {
    let mut f = Fixture::new();
    let files = ["Connections.csv", "google-contacts.csv", "google-contacts-old.csv", "phone-2.1.vcf", "apple-3.0.vcf", "cut-4.0.vcf"];
    for name in files {
        import(&mut f, &fixture(name));
    }
    let before = f.diary.export_json().unwrap();
    for name in files {
        let (preview, done) = import(&mut f, &fixture(name));
        assert_eq!(preview.counts.new + preview.counts.update, 0, "{name}: {:?}", preview.rows);
        assert_eq!(done.new + done.update, 0);
    }
    assert_eq!(f.diary.export_json().unwrap(), before);
}

#[test]
fn people_already_in_the_diary_are_matched_by_email_profile_or_name_and_get_what_they_lack() {
    let mut f = Fixture::new();
    let by_email = f
        .diary
        .add_person(&PersonEdit {
            display_name: "Ana L.".into(),
            company: "Kept Ltd".into(),
            handles: vec![rapport_core::people::NewHandle {
                platform: P::Email,
                value: "ANA.LIMA@example.com".into(),
                url: String::new(),
                professional: true,
            }],
            ..Default::default()
        })
        .unwrap()
        .id;
    let by_profile = f
        .diary
        .add_person(&PersonEdit {
            display_name: "B. de Vries".into(),
            handles: vec![rapport_core::people::NewHandle {
                platform: P::Linkedin,
                value: "http://linkedin.com/in/BramDeVries/".into(),
                url: String::new(),
                professional: true,
            }],
            ..Default::default()
        })
        .unwrap()
        .id;
    let by_name = f.person("zoë  ångström");
    f.diary.set_rung(by_name, Rung::Met, "").unwrap();
    let (preview, _) = import(&mut f, &fixture("Connections.csv"));
    assert_eq!(preview.counts, counts(2, 3, 0, 3));
    assert_eq!(preview.rows[0].what, "Adds LinkedIn ana-lima-4b2a1, title Managing Partner, rung Connected to Ana L.");
    let actions: Vec<&ImportAction> = preview.rows.iter().take(3).map(|r| &r.action).collect();
    assert_eq!(
        actions,
        [
            &ImportAction::Update {
                person_id: by_email,
                person_name: "Ana L.".into(),
                adds: vec!["LinkedIn ana-lima-4b2a1".into(), "title Managing Partner".into(), "rung Connected".into()],
            },
            &ImportAction::Update {
                person_id: by_profile,
                person_name: "B. de Vries".into(),
                adds: vec!["company Northwind".into(), "title Head of \"Growth\", EMEA".into(), "rung Connected".into()],
            },
            // Already past connected: the rung is never lowered.
            &ImportAction::Update {
                person_id: by_name,
                person_name: "zoë  ångström".into(),
                adds: vec!["LinkedIn zoe-angstrom".into(), "company Fjord AB".into(), "title Grundare".into()],
            },
        ]
    );
    let ana = f.diary.person(by_email).unwrap();
    assert_eq!(fields(&ana), ("Ana L.", "Kept Ltd", "Managing Partner", "", Rung::Connected));
    assert_eq!(ana.handles.len(), 2);
    // Connected in 2024 but added today: the change is dated today, after being added.
    let history = f.diary.rung_history(by_email).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!((history[1].from, history[1].to, history[1].changed_at), (Some(Rung::Noticed), Rung::Connected, common::now()));
    assert_eq!(history[1].reason, "Imported from LinkedIn");
    assert_eq!(f.diary.person(by_name).unwrap().rung, Rung::Met);
    assert_eq!(people(&f).len(), 5);
}

#[test]
fn a_name_written_another_way_finds_the_person_by_the_duplicates_rule() {
    // Accents, case, a comma and the order of the words do not make someone new.
    let mut f = Fixture::new();
    let zoe = f.person("Angstrom, Zoe");
    let preview = f.diary.preview_import(&fixture("Connections.csv")).unwrap();
    let matched: Vec<i64> = preview
        .rows
        .iter()
        .filter_map(|r| match &r.action {
            ImportAction::Update { person_id, .. } => Some(*person_id),
            _ => None,
        })
        .collect();
    assert_eq!(matched, [zoe]);
}

#[test]
fn a_name_shared_by_several_people_is_not_guessed() {
    let mut f = Fixture::new();
    f.person("Sunny");
    f.person("Sunny");
    let preview = f.diary.preview_import(&fixture("google-contacts.csv")).unwrap();
    assert_eq!(rejected(&preview), [(5, "2 people in the diary are named Sunny; add an email or profile to this row to tell them apart.")]);
}

#[test]
fn a_preview_writes_nothing_and_a_changed_file_must_be_previewed_again() {
    let mut f = Fixture::new();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Connections.csv");
    std::fs::copy(fixture("Connections.csv"), &path).unwrap();
    let before = f.diary.export_json().unwrap();
    let preview = f.diary.preview_import(&path).unwrap();
    assert_eq!(f.diary.export_json().unwrap(), before);
    let mut text = std::fs::read(&path).unwrap();
    text.extend_from_slice(b"Eve,Added,,,,,01 Jan 2025\r\n");
    std::fs::write(&path, text).unwrap();
    let err = f.diary.apply_import(&path, &preview.fingerprint).unwrap_err();
    assert_eq!(err.to_string(), "Connections.csv changed since the preview. Preview it again.");
    assert_eq!(f.diary.export_json().unwrap(), before);
}

/// Writes `bytes` to a file called `name` and returns the message previewing it gives.
fn refused(name: &str, bytes: &[u8]) -> String {
    let f = Fixture::new();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let before = f.diary.export_json().unwrap();
    let err = f.diary.preview_import(&path).unwrap_err();
    assert_eq!(err.kind(), "invalid");
    assert_eq!(err.field(), Some("file"));
    assert_eq!(f.diary.export_json().unwrap(), before);
    err.to_string()
}

#[test]
fn bad_files_get_a_clear_message_and_write_nothing() {
    assert_eq!(refused("empty.csv", b""), "empty.csv is empty.");
    assert_eq!(refused("blank.vcf", b"\r\n  \n"), "blank.vcf is empty.");
    assert_eq!(
        refused("photo.csv", &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]),
        "photo.csv is not a text file. Choose a .vcf or .csv export (UTF-16 text needs its byte-order mark)."
    );
    let utf16_without_mark: Vec<u8> = "First Name,Last Name\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert!(refused("wide.csv", &utf16_without_mark).starts_with("wide.csv is not a text file."));
    assert_eq!(
        refused("latin1.csv", b"First Name,Last Name\nJ\xfcrgen,M\xfcller\n"),
        "latin1.csv is not UTF-8 text (line 2). Save it as UTF-8 and import it again."
    );
    assert_eq!(
        refused("other.csv", b"Name,Phone,Street\nAna,123,Main St\n"),
        "This is not a file Rapport can import. Line 1 reads \"Name,Phone,Street\". Rapport reads vCard files (.vcf), \
         LinkedIn's Connections.csv (header: First Name,Last Name,URL,Email Address,Company,Position,Connected On) \
         and Google Contacts CSV exports."
    );
    // 50 MB: refused from its size, before it is read.
    let f = Fixture::new();
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("huge.vcf");
    std::fs::File::create(&big).unwrap().set_len(50 * 1024 * 1024).unwrap();
    assert_eq!(
        f.diary.preview_import(&big).unwrap_err().to_string(),
        "huge.vcf is 50.0 MB; Rapport imports files up to 20 MB. Export without photos, or split the file."
    );
    let missing = f.diary.preview_import(&dir.path().join("gone.csv")).unwrap_err().to_string();
    assert!(missing.starts_with("gone.csv could not be read: "), "{missing}");
}

#[test]
fn a_utf16_file_with_its_mark_imports_like_the_utf8_one() {
    let text = std::fs::read_to_string(fixture("google-contacts.csv")).unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("outlook.csv");
    std::fs::write(&path, bytes).unwrap();
    let (mut wide, mut narrow) = (Fixture::new(), Fixture::new());
    import(&mut wide, &path);
    import(&mut narrow, &fixture("google-contacts.csv"));
    let strip = |people: Vec<Person>| people.into_iter().map(|p| (p.display_name, p.notes, p.handles, p.tags)).collect::<Vec<_>>();
    assert_eq!(strip(people(&wide)), strip(people(&narrow)));
}

#[test]
fn rows_with_bad_fields_are_rejected_with_their_line_and_the_rest_import() {
    let mut f = Fixture::new();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Connections.csv");
    let long = "x".repeat(600);
    let csv = format!(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
         Good,Row,,good@row.example,,,01 Jan 2025\n\
         Long,Company,,,{long},,01 Jan 2025\n\
         Too,Many,,,Acme, Inc,CEO,01 Jan 2025\n\
         Future,Date,,,,,01 Jan 2099\n\
         \"Unclosed,Quote,,,,,01 Jan 2025\n"
    );
    std::fs::write(&path, csv).unwrap();
    let (preview, done) = import(&mut f, &path);
    assert_eq!(
        rejected(&preview),
        [
            (3, "Company is too long: 600 characters, the limit is 500."),
            (4, "This row has 8 of the header's 7 fields: a comma outside quotes?"),
            (5, "Connected on 2099-01-01, a day still to come."),
            (6, "This row has 1 of the header's 7 fields: a quote left open, or a short row?"),
        ]
    );
    assert_eq!(done, counts(1, 0, 0, 4));
    assert_eq!(people(&f).len(), 1);
}
