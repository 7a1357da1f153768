//! LinkedIn's data export read into a reading: both messages header generations,
//! invitations, connections (through the Connections.csv import's own reader),
//! endorsements and recommendations; noise, drafts and spam; bad rows named.

use std::path::{Path, PathBuf};

use rapport_core::transfer::archive::{read, Archive, ArchiveSource, SourceRead};
use rapport_core::vocab::Channel;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/archives").join(name)
}

fn linkedin(path: &Path) -> SourceRead {
    let mut sources = read(&Archive::open(path).unwrap()).unwrap();
    assert_eq!(sources.len(), 1);
    let read = sources.remove(0);
    assert_eq!(read.source, ArchiveSource::Linkedin);
    read
}

fn name_of(read: &SourceRead, party: Option<usize>) -> &str {
    party.map_or("(the user)", |p| read.parties[p].name.as_str())
}

#[test]
fn the_current_export_reads_every_file_it_knows_and_nothing_else() {
    let read = linkedin(&fixture("linkedin"));
    assert_eq!(
        read.parts,
        ["Connections.csv", "Invitations.csv", "messages.csv", "Endorsement_Received_Info.csv", "Recommendations_Given.csv"],
        "guide_messages.csv has the same header and is left alone"
    );
    // The user is the sender of the invitations they sent.
    assert_eq!(name_of(&read, read.selves.first().copied()), "Maya Chen");
    assert_eq!(read.parties[read.selves[0]].key, "linkedin.com/in/maya-chen-studio");
    // 2 invitations, 10 messages (noise, the draft and the row with no date left out),
    // 1 endorsement, 1 recommendation (the pending one left out).
    let by_channel = |c: Channel| read.messages.iter().filter(|m| m.channel == c).count();
    assert_eq!((by_channel(Channel::DirectMessage), by_channel(Channel::PublicPost)), (12, 2));
    assert!(read.messages.iter().all(|m| m.text != "Message request accepted" && m.text != "Unsent thought"));
    let multi = read.messages.iter().find(|m| m.text.starts_with("Yes — a studio")).unwrap();
    assert_eq!(multi.text, "Yes — a studio in Lisbon.\nTwo lines, one message.", "a quoted newline stays in its message");
    assert_eq!(read.problems.len(), 1, "{:?}", read.problems);
    assert_eq!((read.problems[0].part.as_str(), read.problems[0].line), ("messages.csv", Some(15)));
    assert!(read.problems[0].reason.contains("not a date"), "{}", read.problems[0].reason);
}

#[test]
fn people_are_one_party_whichever_file_names_them() {
    let read = linkedin(&fixture("linkedin"));
    let named = |name: &str| read.parties.iter().filter(|p| p.name == name).count();
    // Ana is in Connections, Invitations, messages and a recommendation (by name only).
    assert_eq!(named("Ana Lima"), 1);
    assert_eq!(named("Tomás Ruiz"), 1);
    let dana = read.parties.iter().find(|p| p.name == "Dana Okafor").unwrap();
    assert_eq!(dana.key, "linkedin.com/in/dana-example", "the endorsement's address without a scheme is the same profile");
    assert_eq!((dana.company.as_str(), dana.title.as_str()), ("Acme", "Engineer"));
    assert_eq!(dana.connected_at, Some(1_710_504_000), "15 Mar 2024, at noon UTC");
    let tomas = read.parties.iter().find(|p| p.name == "Tomás Ruiz").unwrap();
    assert!(tomas.handles.iter().any(|h| h.value == "tomas@example.org"), "{:?}", tomas.handles);
}

#[test]
fn spam_and_groups_are_marked_for_the_grain() {
    let read = linkedin(&fixture("linkedin"));
    let spam: Vec<&str> = read.threads.iter().filter(|t| t.spam).map(|t| t.key.as_str()).collect();
    assert_eq!(spam, ["2-c3BhbXNwYW1zcGFt"]);
    let group = read.threads.iter().find(|t| t.title == "Brand meetup").unwrap();
    assert_eq!(group.participants.len(), 4, "Priya, Maya, Ana and Tomás");
}

#[test]
fn the_2020_export_has_direction_and_no_addresses() {
    let read = linkedin(&fixture("linkedin-2020"));
    assert_eq!(name_of(&read, read.selves.first().copied()), "Maya Chen", "FROM of the OUTGOING rows");
    assert_eq!(read.messages.len(), 2);
    assert_eq!(read.messages[0].at, 1_573_006_100);
    assert_eq!(read.threads.len(), 1, "the pair of names is the thread");
    assert!(read.parties.iter().all(|p| p.key.starts_with("name:")));
}

#[test]
fn a_zip_reads_the_same_as_its_folder_wherever_the_files_sit() {
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("Basic_LinkedInDataExport_03-31-2026.zip");
    zip_folder(&fixture("linkedin"), &zip_path, "Basic_LinkedInDataExport_03-31-2026/");
    let zipped = linkedin(&zip_path);
    let folder = linkedin(&fixture("linkedin"));
    assert_eq!(zipped.messages, folder.messages);
    assert_eq!(zipped.parties, folder.parties);
    assert!(zipped.parts.iter().all(|p| p.starts_with("Basic_LinkedInDataExport_03-31-2026/")));
}

#[test]
fn a_zip_made_with_backslashes_between_folders_reads_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("export.zip");
    // Some Windows zippers write `folder\file` names.
    zip_folder(&fixture("linkedin"), &zip_path, "Basic_LinkedInDataExport_03-31-2026\\");
    let zipped = linkedin(&zip_path);
    let folder = linkedin(&fixture("linkedin"));
    assert_eq!(zipped.messages, folder.messages);
    assert!(zipped.parts.iter().all(|p| p.starts_with("Basic_LinkedInDataExport_03-31-2026/")), "{:?}", zipped.parts);
}

#[test]
fn a_truncated_zip_is_refused_by_name_and_a_stranger_file_says_what_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("export.zip");
    zip_folder(&fixture("linkedin"), &zip_path, "");
    let bytes = std::fs::read(&zip_path).unwrap();
    std::fs::write(&zip_path, &bytes[..bytes.len() / 2]).unwrap();
    let err = Archive::open(&zip_path).err().expect("a zip cut in half does not open");
    assert!(err.to_string().contains("export.zip is not a whole zip file"), "{err}");

    let other = dir.path().join("notes.txt");
    std::fs::write(&other, "just some notes\n").unwrap();
    let err = read(&Archive::open(&other).unwrap()).unwrap_err();
    assert!(err.to_string().contains("notes.txt holds no export Rapport reads"), "{err}");
}

#[test]
fn a_broken_quote_is_a_problem_of_its_line_and_the_rest_reads() {
    let text = "FROM,TO,DATE,SUBJECT,CONTENT,DIRECTION,FOLDER\n\
                Ana Lima,Maya Chen,2019-11-07T10:00:00,,\"open quote,INCOMING,INBOX\n";
    let archive = Archive::from_parts("x", vec![("messages.csv".into(), text.as_bytes().to_vec())]);
    let read = read(&archive).unwrap().remove(0);
    assert!(read.messages.is_empty());
    assert_eq!(read.problems.len(), 1, "{:?}", read.problems);
    assert_eq!(read.problems[0].line, Some(2));
}

/// Writes every file under `dir` into a zip at `to`, under `prefix`.
pub fn zip_folder(dir: &Path, to: &Path, prefix: &str) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut stack = vec![(dir.to_path_buf(), prefix.to_owned())];
    while let Some((folder, at)) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let name = format!("{at}{}", entry.file_name().to_string_lossy());
            if entry.file_type().unwrap().is_dir() {
                stack.push((entry.path(), format!("{name}/")));
            } else {
                zip.start_file(name, options).unwrap();
                std::io::copy(&mut std::fs::File::open(entry.path()).unwrap(), &mut zip).unwrap();
            }
        }
    }
    zip.finish().unwrap();
}
