//! The whole diary as JSON: export, restore into an empty diary, export again, same bytes.

mod common;

use common::{at, Fixture};
use rapport_core::ladder::BoardQuery;
use rapport_core::people::{PeopleQuery, PersonEdit};
use rapport_core::transfer::EXPORTED_TABLES;
use rapport_core::vocab::Channel;
use rapport_sample::{fill, SampleSize};

#[test]
fn export_restore_export_gives_the_same_bytes() {
    let now = at(2026, 11, 18, 12, 0);
    let mut a = Fixture::at(now, chrono_tz::Europe::Berlin);
    fill(&mut a.diary, SampleSize::DEMO, 11, now).unwrap();
    let odd = a
        .diary
        .add_person(&PersonEdit {
            display_name: "Zoë 山田 <script>alert(1)</script> \"quoted\"".into(),
            notes: "two\nlines\ttab 🙏".into(),
            ..Default::default()
        })
        .unwrap()
        .id;
    let other = a.person("Merged Away");
    a.touch(other, Channel::Phone, at(2026, 11, 17, 9, 0), |_| {});
    a.diary.merge_people(odd, other).unwrap();
    let first = a.diary.export_json().unwrap();

    let mut b = Fixture::at(now, chrono_tz::Europe::Berlin);
    b.diary.restore_json(&first).unwrap();
    assert_eq!(b.diary.export_json().unwrap(), first, "byte for byte");
    // And it is a working diary: search, figures and the screens read it.
    let found = b.diary.people(&PeopleQuery { search: "quoted".into(), ..Default::default() }).unwrap();
    assert_eq!((found.total, found.people[0].id), (1, odd), "the search index is rebuilt");
    assert_eq!(b.diary.integrity_check().unwrap(), "ok");
    assert_eq!(b.diary.ladder_board(&BoardQuery::default()).unwrap(), a.diary.ladder_board(&BoardQuery::default()).unwrap());
    assert_eq!(b.diary.week_review(now.date_naive()).unwrap(), a.diary.week_review(now.date_naive()).unwrap());
}

#[test]
fn every_table_with_user_data_is_exported() {
    let f = Fixture::new();
    let sql = f.sql();
    let tables: Vec<String> = sql
        // Search indexes and the hourly touch tally are derived: rebuilt on restore. The
        // funnel's note of who changed is written by triggers as the rows are restored.
        // This device (its sync id and files) describes the machine, not the diary: an
        // export restored elsewhere is another device. What it has still to send and has
        // applied of the others' files is this device's too.
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE '%search%' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT IN ('touch_hour', 'funnel_change', 'this_device', 'this_device_file', 'sync_change', 'sync_applied', 'sync_rework') ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut exported: Vec<&str> = EXPORTED_TABLES.to_vec();
    exported.sort_unstable();
    assert_eq!(tables, exported, "a new table must be exported (or said here why not)");
}

#[test]
fn a_bad_export_or_a_used_diary_is_refused_and_nothing_changes() {
    let mut f = Fixture::new();
    for (json, message) in [
        ("", "This is not a Rapport export: EOF while parsing a value at line 1 column 0."),
        ("{\"format\": \"something else\"}", "This is not a Rapport export."),
        (
            "{\"format\": \"rapport-diary\", \"schema_version\": 99, \"tables\": {}}",
            "This export is of schema version 99; this Rapport reads 3 to 14.",
        ),
        (
            "{\"format\": \"rapport-diary\", \"schema_version\": 2, \"tables\": {}}",
            "This export is of schema version 2; this Rapport reads 3 to 14.",
        ),
        ("{\"format\": \"rapport-diary\", \"schema_version\": 4, \"tables\": {}}", "The export has no setting table."),
    ] {
        assert_eq!(f.diary.restore_json(json).unwrap_err().to_string(), message);
    }
    let mut broken = serde_json::from_str::<serde_json::Value>(&f.diary.export_json().unwrap()).unwrap();
    broken["tables"]["touch_person"] = serde_json::json!([{ "touch_id": 5, "person_id": 7, "happened_at": 0 }]);
    let err = f.diary.restore_json(&broken.to_string()).unwrap_err();
    assert_eq!(err.field(), Some("file"), "{err}");
    assert_eq!(f.diary.platforms().unwrap().len(), 6, "the seeded rows are still there");

    let export = f.diary.export_json().unwrap();
    f.person("Already here");
    assert_eq!(f.diary.restore_json(&export).unwrap_err().to_string(), "An export is restored into an empty diary only.");
    assert_eq!(f.diary.people(&PeopleQuery::default()).unwrap().total, 1);
}

/// An export as schema `version` wrote it: before 12, rows had no global ids.
fn as_of(export: &str, version: i64) -> serde_json::Value {
    let mut document: serde_json::Value = serde_json::from_str(export).unwrap();
    document["schema_version"] = version.into();
    if version < 12 {
        without_uids(&mut document);
    }
    document
}

fn without_uids(document: &mut serde_json::Value) {
    for rows in document["tables"].as_object_mut().unwrap().values_mut() {
        for row in rows.as_array_mut().unwrap() {
            row.as_object_mut().unwrap().remove("uid");
        }
    }
}

/// The restore holds every row exported, each with the global id migration 12 gives a
/// row it finds: its table, local id and creation time, so two devices restoring one
/// old export agree on every row's id.
fn assert_restored_with_derived_uids(restored: &str, exported: &str) {
    let mut restored: serde_json::Value = serde_json::from_str(restored).unwrap();
    let mut uids = 0;
    for (table, rows) in restored["tables"].as_object().unwrap() {
        for row in rows.as_array().unwrap() {
            if let Some(uid) = row.get("uid") {
                let uid = uid.as_str().unwrap();
                assert!(uid.starts_with(&format!("{table}-{}-", row["id"])), "{table}: {uid}");
                uids += 1;
            }
        }
    }
    assert!(uids > 1000, "the sample's people, touches and the rest have ids ({uids})");
    let mut exported: serde_json::Value = serde_json::from_str(exported).unwrap();
    without_uids(&mut restored);
    without_uids(&mut exported);
    assert_eq!(restored, exported);
}

#[test]
fn an_export_from_schema_3_restores() {
    // Version 4 added only the hourly tally, which a restore rebuilds.
    let now = at(2026, 11, 18, 12, 0);
    let mut a = Fixture::at(now, chrono_tz::Europe::Berlin);
    fill(&mut a.diary, SampleSize::DEMO, 3, now).unwrap();
    let v3 = as_of(&a.diary.export_json().unwrap(), 3);
    let mut b = Fixture::at(now, chrono_tz::Europe::Berlin);
    b.diary.restore_json(&v3.to_string()).unwrap();
    assert_restored_with_derived_uids(&b.diary.export_json().unwrap(), &a.diary.export_json().unwrap());
    assert_eq!(b.diary.week_review(now.date_naive()).unwrap().trend, a.diary.week_review(now.date_naive()).unwrap().trend);
}

#[test]
fn an_export_from_schema_9_without_dismissed_duplicates_restores() {
    let now = at(2026, 11, 18, 12, 0);
    let mut a = Fixture::at(now, chrono_tz::Europe::Berlin);
    fill(&mut a.diary, SampleSize::DEMO, 3, now).unwrap();
    let mut v9 = as_of(&a.diary.export_json().unwrap(), 9);
    v9["tables"].as_object_mut().unwrap().remove("not_duplicate").expect("a schema 10 export has the table");
    let mut b = Fixture::at(now, chrono_tz::Europe::Berlin);
    b.diary.restore_json(&v9.to_string()).unwrap();
    assert_restored_with_derived_uids(&b.diary.export_json().unwrap(), &a.diary.export_json().unwrap());
}

#[test]
fn an_export_from_schema_5_without_archive_imports_restores() {
    let now = at(2026, 11, 18, 12, 0);
    let mut a = Fixture::at(now, chrono_tz::Europe::Berlin);
    fill(&mut a.diary, SampleSize::DEMO, 3, now).unwrap();
    let mut v5 = as_of(&a.diary.export_json().unwrap(), 5);
    let tables = v5["tables"].as_object_mut().unwrap();
    for table in ["import_run", "source_self", "source_person", "touch_source"] {
        tables.remove(table).expect("a schema 6 export has the table");
    }
    for table in ["person", "rung_change"] {
        for row in tables[table].as_array_mut().unwrap() {
            row.as_object_mut().unwrap().remove("import_run_id").expect("and the column");
        }
    }
    let mut b = Fixture::at(now, chrono_tz::Europe::Berlin);
    b.diary.restore_json(&v5.to_string()).unwrap();
    assert_restored_with_derived_uids(&b.diary.export_json().unwrap(), &a.diary.export_json().unwrap());
}

#[test]
fn an_export_from_schema_10_without_important_dates_restores() {
    let now = at(2026, 11, 18, 12, 0);
    let mut a = Fixture::at(now, chrono_tz::Europe::Berlin);
    fill(&mut a.diary, SampleSize::DEMO, 3, now).unwrap();
    let mut v10 = as_of(&a.diary.export_json().unwrap(), 10);
    v10["tables"].as_object_mut().unwrap().remove("important_date").expect("a schema 11 export has the table");
    let mut b = Fixture::at(now, chrono_tz::Europe::Berlin);
    b.diary.restore_json(&v10.to_string()).unwrap();
    assert_restored_with_derived_uids(&b.diary.export_json().unwrap(), &a.diary.export_json().unwrap());
}
