//! The sync folder on disk (issue 23): each device writes whole files into its own
//! folder, reads every device's files only when whole, takes sync tools' conflict copies
//! for what they copy, and never changes another device's files.

use std::fs;
use std::path::{Path, PathBuf};

use rapport_core::sync::{Kind, SyncFolder};

/// A folder as a sync tool leaves it: its path has spaces, brackets and non-Latin letters.
fn chosen() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let chosen = dir.path().join("Dropbox (Personal)/Ärzte 日本");
    fs::create_dir_all(&chosen).unwrap();
    (dir, chosen)
}

fn listing(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(listing(&path));
        } else {
            out.push((path.clone(), fs::read(&path).unwrap()));
        }
    }
    out.sort();
    out
}

#[test]
fn a_file_one_device_writes_is_found_and_read_whole_by_another() {
    let (_dir, chosen) = chosen();
    let laptop = SyncFolder::open(&chosen, "laptop-1").unwrap();
    let desk = SyncFolder::open(&chosen, "desk-2").unwrap();
    let written = laptop.write("touch-2026-12", Kind::Update, 1, b"first edits").unwrap();
    laptop.write("core", Kind::Update, 2, b"a person").unwrap();
    laptop.announce("Maya's laptop", 1_796_000_000).unwrap();

    let scan = desk.scan().unwrap();
    assert!(scan.skipped.is_empty(), "{:?}", scan.skipped);
    let docs: Vec<(&str, &str, u64)> = scan.files.iter().map(|f| (f.device.as_str(), f.doc.as_str(), f.seq)).collect();
    assert_eq!(docs, [("laptop-1", "core", 2), ("laptop-1", "touch-2026-12", 1)]);
    assert_eq!(scan.files[1], written);
    assert_eq!(desk.read(&scan.files[1]).unwrap(), b"first edits");
    assert_eq!(scan.devices.len(), 1);
    assert_eq!((scan.devices[0].name.as_str(), scan.devices[0].wrote_at), ("Maya's laptop", 1_796_000_000));
    // Named by content: the same name holds the same bytes wherever it is synced.
    let name = written.path.file_name().unwrap().to_str().unwrap();
    assert!(name.starts_with("upd-0000000001-") && name.ends_with(".loro") && name.len() == "upd-0000000001-.loro".len() + 32, "{name}");
    assert!(written.path.starts_with(chosen.join("Rapport/devices/laptop-1/touch-2026-12")));
}

#[test]
fn conflict_copies_read_as_what_they_copy_and_strangers_are_left_alone() {
    let (_dir, chosen) = chosen();
    let laptop = SyncFolder::open(&chosen, "laptop-1").unwrap();
    let desk = SyncFolder::open(&chosen, "desk-2").unwrap();
    let file = laptop.write("core", Kind::Snapshot, 7, b"everything so far").unwrap();
    let dir = file.path.parent().unwrap();
    let stem = file.path.file_stem().unwrap().to_str().unwrap().to_owned();
    for copy in [
        format!("{stem}.sync-conflict-20261202-101010-ABCDEFG.loro"),
        format!("{stem} (conflicted copy 2026-12-02).loro"),
        format!("{stem} (Maya's conflicted copy 2026-12-02 101010).loro"),
        format!("{stem}-DESKTOP-7Q2.loro"),
    ] {
        fs::copy(&file.path, dir.join(copy)).unwrap();
    }
    for stranger in ["notes.txt", "upd-abc.loro", "upd-1-NOTHEX0000000000000000000000000.loro", "snap--1-x.loro", "desktop.ini"] {
        fs::write(dir.join(stranger), b"not ours").unwrap();
    }
    fs::write(chosen.join("Rapport/devices/README.txt"), b"not a device").unwrap();

    let scan = desk.scan().unwrap();
    assert_eq!(scan.files.len(), 5, "{:?}", scan.files);
    assert!(scan.files.iter().all(|f| f.hash == file.hash && f.seq == 7 && f.kind == Kind::Snapshot));
    for found in &scan.files {
        assert_eq!(desk.read(found).unwrap(), b"everything so far");
    }
    assert!(scan.skipped.is_empty(), "strangers are not problems: {:?}", scan.skipped);
}

#[test]
fn a_file_not_whole_yet_is_passed_over_and_read_once_it_is() {
    let (_dir, chosen) = chosen();
    let laptop = SyncFolder::open(&chosen, "laptop-1").unwrap();
    let desk = SyncFolder::open(&chosen, "desk-2").unwrap();
    let bytes: Vec<u8> = (0..100_000u32).flat_map(|n| n.to_le_bytes()).collect();
    let file = laptop.write("core", Kind::Update, 3, &bytes).unwrap();
    // The sync tool has brought half of it so far; then a damaged byte; then all of it.
    fs::write(&file.path, &bytes[..bytes.len() / 2]).unwrap();
    let found = desk.scan().unwrap().files.remove(0);
    let skipped = desk.read(&found).unwrap_err();
    assert!(skipped.retry && skipped.why.contains("not whole yet"), "{skipped:?}");
    let mut damaged = bytes.clone();
    damaged[1234] ^= 0x40;
    fs::write(&file.path, &damaged).unwrap();
    assert!(desk.read(&found).is_err());
    fs::write(&file.path, &bytes).unwrap();
    assert_eq!(desk.read(&found).unwrap(), bytes);
    fs::write(&file.path, b"").unwrap();
    assert!(desk.read(&found).unwrap_err().retry, "an empty file is one still arriving");
}

#[test]
fn placeholders_partials_and_temporaries_wait_without_being_read() {
    let (_dir, chosen) = chosen();
    let laptop = SyncFolder::open(&chosen, "laptop-1").unwrap();
    let desk = SyncFolder::open(&chosen, "desk-2").unwrap();
    let file = laptop.write("core", Kind::Update, 1, b"edits").unwrap();
    let dir = file.path.parent().unwrap().to_owned();
    let name = file.path.file_name().unwrap().to_str().unwrap().to_owned();
    fs::rename(&file.path, dir.join(format!(".{name}.icloud"))).unwrap();
    fs::write(dir.join(format!(".{name}.partial")), b"half").unwrap(); // a kill mid-write
    fs::write(dir.join(format!(".syncthing.{name}.tmp")), b"half").unwrap();
    fs::write(dir.join(format!("{name}.part")), b"half").unwrap();
    fs::write(dir.join("~lock.core#"), b"").unwrap();

    let scan = desk.scan().unwrap();
    assert!(scan.files.is_empty(), "{:?}", scan.files);
    assert_eq!(scan.skipped.len(), 5);
    assert!(scan.skipped.iter().all(|s| s.retry));
    assert!(scan.skipped.iter().any(|s| s.why.contains("iCloud")));
}

#[test]
fn a_device_writes_only_its_own_folder_and_removes_only_its_own_files() {
    let (_dir, chosen) = chosen();
    let laptop = SyncFolder::open(&chosen, "laptop-1").unwrap();
    let desk = SyncFolder::open(&chosen, "desk-2").unwrap();
    desk.write("core", Kind::Update, 1, b"desk's edits").unwrap();
    desk.announce("Office", 1).unwrap();
    let desk_folder = chosen.join("Rapport/devices/desk-2");
    let before = listing(&desk_folder);

    for seq in 1..=20 {
        laptop.write("core", Kind::Update, seq, format!("edit {seq}").as_bytes()).unwrap();
    }
    laptop.announce("Laptop", 2).unwrap();
    laptop.announce("Laptop", 3).unwrap();
    let scan = laptop.scan().unwrap();
    for found in scan.files.iter().filter(|f| f.device == "desk-2") {
        let refused = laptop.remove_own(found).unwrap_err();
        assert!(refused.to_string().contains("another device's file"), "{refused}");
    }
    let own = scan.files.iter().find(|f| f.device == "laptop-1").unwrap();
    laptop.remove_own(own).unwrap();
    assert!(!own.path.exists());
    assert_eq!(listing(&desk_folder), before, "the desk's folder is as the desk left it");
    assert_eq!(laptop.scan().unwrap().files.iter().filter(|f| f.device == "laptop-1").count(), 19);
    let cards: Vec<(String, i64)> = laptop.scan().unwrap().devices.into_iter().map(|d| (d.name, d.wrote_at)).collect();
    assert_eq!(cards, [("Office".to_owned(), 1), ("Laptop".to_owned(), 3)]);
    assert!(listing(&chosen.join("Rapport/devices/laptop-1")).iter().all(|(p, _)| !p.to_string_lossy().contains(".partial")));
}

#[test]
fn bad_folders_devices_and_documents_are_refused_with_what_is_wrong() {
    let (dir, chosen) = chosen();
    let missing = dir.path().join("not there");
    assert_eq!(
        SyncFolder::open(&missing, "laptop-1").unwrap_err().to_string(),
        format!("{} is not a folder that can be opened.", missing.display())
    );
    for id in ["", "../escape", "a/b", "-x", "Ünïcode", &"x".repeat(65)] {
        assert!(SyncFolder::open(&chosen, id).unwrap_err().to_string().contains("is not a device id"), "{id:?}");
    }
    let laptop = SyncFolder::open(&chosen, "laptop-1").unwrap();
    for doc in ["", "..", "core/../../x", "a b"] {
        assert!(laptop.write(doc, Kind::Update, 1, b"x").unwrap_err().to_string().contains("is not a document name"), "{doc:?}");
    }
    // A card that is not one is listed, not fatal; the device's files still read.
    fs::write(chosen.join("Rapport/devices/laptop-1/device.json"), b"{\"id\": \"someone-else\"").unwrap();
    laptop.write("core", Kind::Update, 1, b"x").unwrap();
    let scan = laptop.scan().unwrap();
    assert_eq!(scan.files.len(), 1);
    assert_eq!(scan.skipped.len(), 1);
    assert!(scan.devices.is_empty());
}
