//! Facebook Messenger and Instagram "Download your information" (JSON), read from
//! fixtures written as Meta writes them (UTF-8 bytes as `\u00XX` escapes) and from
//! archives made here: every layout and section, parts joined in time order, Meta's
//! mojibake repaired, only real touches kept, bad parts reported while the rest reads.

use std::io::Write;
use std::path::{Path, PathBuf};

use rapport_core::transfer::archive::{read, read_bytes, Archive, ArchiveSource, Message, SourceRead};
use rapport_core::vocab::{Channel, HandlePlatform};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/archives").join(name)
}

/// The one source read from a fixture folder.
fn read_one(name: &str, source: ArchiveSource) -> SourceRead {
    let reads = read(&Archive::open(&fixture(name)).unwrap()).unwrap();
    let sources: Vec<_> = reads.iter().map(|r| r.source).collect();
    assert_eq!(sources, [source], "{name} is read as one source");
    reads.into_iter().next().unwrap()
}

fn read_memory(files: &[(&str, &str)]) -> Vec<SourceRead> {
    let parts = files.iter().map(|(p, b)| (p.to_string(), b.as_bytes().to_vec())).collect();
    read(&Archive::from_parts("test.zip", parts)).unwrap()
}

fn party(r: &SourceRead, key: &str) -> usize {
    r.parties.iter().position(|p| p.key == key).unwrap_or_else(|| panic!("no party {key} in {:?}", keys(r)))
}

fn keys(r: &SourceRead) -> Vec<&str> {
    r.parties.iter().map(|p| p.key.as_str()).collect()
}

fn thread(r: &SourceRead, key: &str) -> usize {
    r.threads.iter().position(|t| t.key == key).unwrap_or_else(|| panic!("no thread {key}"))
}

fn texts<'a>(r: &'a SourceRead, key: &str) -> Vec<&'a str> {
    let t = thread(r, key);
    r.messages.iter().filter(|m| m.thread == t).map(|m| m.text.as_str()).collect()
}

fn in_thread<'a>(r: &'a SourceRead, key: &str) -> Vec<&'a Message> {
    let t = thread(r, key);
    r.messages.iter().filter(|m| m.thread == t).collect()
}

#[test]
fn the_old_layout_reads_every_section_and_joins_parts_in_time_order() {
    let r = read_one("facebook/messages", ArchiveSource::Facebook);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let mut threads: Vec<(&str, bool)> = r.threads.iter().map(|t| (t.key.as_str(), t.spam)).collect();
    threads.sort();
    assert_eq!(
        threads,
        [
            ("anapereira_abc123xyz", false),
            ("bolindqvist_ARCH42", false),
            ("cheapwatches_FLT1", true),
            ("crew_GRP123", false),
            ("samrecruiter_REQ7", true),
        ]
    );

    // message_2 holds the older half; both read, oldest first. The unsent one, the missed
    // call and the reaction are no touches; the photo, the share and the call are.
    let ana = in_thread(&r, "anapereira_abc123xyz");
    let seen: Vec<(&str, Channel)> = ana.iter().map(|m| (m.text.as_str(), m.channel)).collect();
    assert_eq!(
        seen,
        [
            ("café tomorrow? 😠", Channel::DirectMessage),
            ("", Channel::DirectMessage),
            ("", Channel::DirectMessage),
            ("You called Ana Pereira.", Channel::Phone),
            ("See you Thursday 😠 no wait 😀", Channel::DirectMessage),
        ]
    );
    assert!(ana.windows(2).all(|w| w[0].at <= w[1].at));
    assert_eq!(ana[0].at, 1_718_000_000);
    let jo = party(&r, "fb:Jo Müller");
    assert_eq!(r.parties[jo].name, "Jo Müller", "names are repaired too");
    assert_eq!(ana[4].sender, Some(jo));

    // Joining, leaving, naming and the group photo are the group's notices, not messages.
    assert_eq!(texts(&r, "crew_GRP123"), ["Who's in for Friday?", "Zoë here, count me in"]);
    let crew = &r.threads[thread(&r, "crew_GRP123")];
    assert_eq!(crew.title, "Crew ☕");
    assert_eq!(crew.participants.len(), 3);
    assert_eq!(texts(&r, "bolindqvist_ARCH42"), ["Thanks for the intro!"], "'now connected' is Messenger's line");

    // The profile names the owner, who is also the one in every conversation.
    assert_eq!(r.selves, [jo]);
    // Friends (older exports: `friends`) say since when; a friend never written to is a party too.
    assert_eq!(r.parties[party(&r, "fb:Ana Pereira")].connected_at, Some(1_500_000_000));
    assert_eq!(r.parties[party(&r, "fb:Chen Wei")].connected_at, Some(1_650_000_000));
    assert_eq!(r.parties[jo].connected_at, None);
    assert!(r.parts.iter().any(|p| p.ends_with("friends/friends.json")));
    assert!(r.parts.iter().any(|p| p.ends_with("profile_information/profile_information.json")));
}

#[test]
fn the_2024_layout_reads_encrypted_chats_and_reports_a_missing_part() {
    let r = read_one("facebook/activity_across_facebook", ArchiveSource::Facebook);
    let mut keys: Vec<&str> = r.threads.iter().map(|t| t.key.as_str()).collect();
    keys.sort();
    assert_eq!(keys, ["anapereira_1", "anapereira_10158812345", "bolindqvist_2045"], "the settings file is no chat");

    // message_2.json is missing: one problem naming the conversation; parts 1 and 3 still read.
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    let problem = &r.problems[0];
    assert_eq!(problem.part, "your_activity_across_facebook/messages/inbox/anapereira_10158812345");
    assert!(problem.reason.contains("Ana Pereira") && problem.reason.contains("message_2.json"), "{}", problem.reason);
    assert_eq!(texts(&r, "anapereira_10158812345"), ["part three", "part one"]);

    // The encrypted chat: camelCase keys, milliseconds, the same mojibake; unsent left out.
    let chat = in_thread(&r, "anapereira_1");
    let seen: Vec<&str> = chat.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(seen, ["", "Yes!", "café at 10? 😠"]);
    assert_eq!(chat[2].at, 1_718_000_009);
    assert_eq!(r.threads[thread(&r, "anapereira_1")].participants.len(), 2);
    assert!(!r.threads[thread(&r, "bolindqvist_2045")].spam, "e2ee_cutover is no spam");

    // No profile file: the one in every conversation is the owner.
    assert_eq!(r.selves, [party(&r, "fb:Jo Müller")]);
    assert_eq!(r.parties[party(&r, "fb:Bo Lindqvist")].connected_at, Some(1_600_000_000));
}

#[test]
fn the_2025_layout_reports_a_part_cut_short_and_reads_the_rest() {
    let r = read_one("facebook/facebook_activity", ArchiveSource::Facebook);
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    let problem = &r.problems[0];
    assert_eq!(problem.part, "your_facebook_activity/messages/inbox/bolindqvist_10159900002/message_1.json");
    assert!(problem.line.is_some() && problem.reason.contains("message_1.json"), "{problem:?}");
    assert_eq!(texts(&r, "anapereira_10159900001"), ["lunch on Friday?", "still on for lunch?"]);
    // One conversation says nothing of who the user is; the 2025 profile file does.
    assert_eq!(r.selves, [party(&r, "fb:Jo Müller")]);
}

#[test]
fn instagram_keeps_touches_not_reactions_and_knows_only_the_owners_username() {
    let r = read_one("instagram/instagram_activity", ArchiveSource::Instagram);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let ana = in_thread(&r, "anapereira_17843029384756102");
    let seen: Vec<(&str, Channel)> = ana.iter().map(|m| (m.text.as_str(), m.channel)).collect();
    assert_eq!(
        seen,
        [("Loved your last post, café soon?", Channel::DirectMessage), ("", Channel::DirectMessage), ("Audio call ended", Channel::Phone)],
        "reactions, likes, a missed call and 'started an audio call' are no touches"
    );
    assert_eq!(texts(&r, "crewtrip_7041245872346601"), ["Tickets booked ✈️"]);
    assert!(r.threads[thread(&r, "brandpromo_17841455500011")].spam);

    // The owner is known by username, with a handle; the folder "anapereira_…" is a slug of
    // the display name, not a username, so Ana gets none.
    let jo = party(&r, "jo.mueller");
    assert_eq!(r.parties[jo].name, "Jo Müller");
    let handle = &r.parties[jo].handles[0];
    assert_eq!((handle.platform, handle.value.as_str()), (HandlePlatform::Instagram, "jo.mueller"));
    assert_eq!(handle.url, "https://www.instagram.com/jo.mueller");
    assert!(r.parties[party(&r, "ig:Ana Pereira")].handles.is_empty());
    assert_eq!(r.selves, [jo]);
}

/// Sentences as a real Messenger and Instagram export writes them (timelinize's
/// classifier tests, taken from a full export): no touch, while a message that merely
/// uses the words is one.
#[test]
fn what_meta_writes_about_a_conversation_is_no_touch() {
    let notices = [
        ("Ana Lima", "Ana Lima joined the video call."),
        ("Ana Lima", "You waved at a contact!"),
        ("Ana Lima", "Ana Lima is now an admin."),
        ("Ana Lima", "This chat is read-only."),
        ("Ana Lima", "An admin, moderator or host removed Bo Berg's message."),
        ("Ana Lima", "Video chat ended"),
        ("Ana Lima", "Ana Lima missed a video chat."),
        ("Ana Lima", "Reacted 👍 to your message "),
    ];
    let mut messages: Vec<(&str, i64, &str)> =
        notices.iter().enumerate().map(|(i, &(who, text))| (who, 1_700_000_000_000 + i as i64 * 60_000, text)).collect();
    messages.push(("Ana Lima", 1_700_001_000_000, "Is the video call still on? I waved at you from the door"));
    let part = part_json(&["Ana Lima", "John Doe"], &messages);
    let reads = read_memory(&[("your_facebook_activity/messages/inbox/analima_1/message_1.json", &part)]);
    assert_eq!(texts(&reads[0], "analima_1"), ["Is the video call still on? I waved at you from the door"]);
}

#[test]
fn an_older_instagram_export_under_messages_is_instagrams_not_facebooks() {
    let r = read_one("instagram/messages", ArchiveSource::Instagram);
    assert_eq!(texts(&r, "anapereira_4kd83jd7sl"), ["Hi from 2021 😀"]);
    assert_eq!(r.parties[r.messages[0].sender.unwrap()].key, "ig:Ana Pereira");
}

fn part_json(participants: &[&str], messages: &[(&str, i64, &str)]) -> String {
    let participants: Vec<_> = participants.iter().map(|n| serde_json::json!({ "name": n })).collect();
    let messages: Vec<_> = messages
        .iter()
        .map(|(s, ms, c)| serde_json::json!({ "sender_name": s, "timestamp_ms": ms, "content": c, "type": "Generic" }))
        .collect();
    serde_json::json!({ "participants": participants, "messages": messages, "title": participants[0]["name"] }).to_string()
}

#[test]
fn ten_parts_in_any_order_read_as_one_conversation_with_stable_ids() {
    // message_10 sorts before message_2 as text; parts come in reverse.
    let files: Vec<(String, String)> = (1..=10)
        .rev()
        .map(|n| {
            let body = part_json(&["Ana", "Jo"], &[("Ana", 1_700_000_000_000 - n * 1000, &format!("from part {n}"))]);
            (format!("messages/inbox/ana_42/message_{n}.json"), body)
        })
        .collect();
    let as_refs: Vec<(&str, &str)> = files.iter().map(|(p, b)| (p.as_str(), b.as_str())).collect();
    let r = read_memory(&as_refs).remove(0);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let seen = texts(&r, "ana_42");
    assert_eq!(seen.first(), Some(&"from part 10"));
    assert_eq!(seen.last(), Some(&"from part 1"));
    assert_eq!(seen.len(), 10);

    // The same messages exported as one part get the same ids; each id is distinct.
    let one: Vec<(i64, &str)> = (1..=10).map(|n| (1_700_000_000_000 - n * 1000, "")).collect();
    let texts_of: Vec<String> = (1..=10).map(|n| format!("from part {n}")).collect();
    let msgs: Vec<(&str, i64, &str)> = one.iter().zip(&texts_of).map(|((ms, _), t)| ("Ana", *ms, t.as_str())).collect();
    let body = part_json(&["Ana", "Jo"], &msgs);
    let again = read_memory(&[("your_facebook_activity/messages/inbox/ana_42/message_1.json", &body)]).remove(0);
    let mut ids: Vec<&str> = r.messages.iter().map(|m| m.id.as_str()).collect();
    let mut ids_again: Vec<&str> = again.messages.iter().map(|m| m.id.as_str()).collect();
    ids.sort();
    ids_again.sort();
    assert_eq!(ids, ids_again);
    ids.dedup();
    assert_eq!(ids.len(), 10);
    assert!(ids.iter().all(|id| id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit())));
}

#[test]
fn many_conversations_read_side_by_side_come_out_in_the_order_one_pass_gives() {
    // Sixty conversations of three parts, the middle one broken in every fifth, and a
    // message that two conversations share (an export unpacked twice): parties come in
    // the order they first appear, threads and problems in folder order, messages by thread.
    let mut files = Vec::new();
    for t in 0..60 {
        for n in 1..=3 {
            let body = if n == 2 && t % 5 == 0 {
                "{\"participants\": [".to_owned()
            } else {
                let sender = if n == 3 { "Maya".to_owned() } else { format!("P{t}") };
                part_json(
                    &[&format!("P{t}"), "Maya"],
                    &[(&sender, 1_700_000_000_000 + (t * 10 + n) * 1000, &format!("{t}.{n}")), ("Maya", 1_600_000_000_000, "shared")],
                )
            };
            files.push((format!("messages/inbox/p{t:02}_{t}/message_{n}.json"), body));
        }
    }
    let as_refs: Vec<(&str, &str)> = files.iter().map(|(p, b)| (p.as_str(), b.as_str())).collect();
    let r = read_memory(&as_refs).remove(0);
    let expected: Vec<String> =
        std::iter::once("fb:P0".to_owned()).chain(["fb:Maya".to_owned()]).chain((1..60).map(|t| format!("fb:P{t}"))).collect();
    assert_eq!(keys(&r), expected);
    let threads: Vec<&str> = r.threads.iter().map(|t| t.key.as_str()).collect();
    assert_eq!(threads, (0..60).map(|t| format!("p{t:02}_{t}")).collect::<Vec<_>>());
    assert!(r.messages.windows(2).all(|w| (w[0].thread, w[0].at) <= (w[1].thread, w[1].at)));
    let broken: Vec<&str> = r.problems.iter().map(|p| p.part.as_str()).collect();
    assert_eq!(broken, (0..60).step_by(5).map(|t| format!("messages/inbox/p{t:02}_{t}/message_2.json")).collect::<Vec<_>>());
    // The shared message is the first conversation's; each conversation keeps its own.
    assert_eq!(r.messages.iter().filter(|m| m.text == "shared").count(), 1);
    assert_eq!(texts(&r, "p00_0"), ["shared", "0.1", "0.3"]);
    assert_eq!(texts(&r, "p01_1"), ["1.1", "1.2", "1.3"]);
}

/// FNV-1a over sender, epoch milliseconds and the first 50 characters, each followed by
/// 0xFF: written out here so a faster reader cannot change an id (and import every
/// message of the next export again).
fn fnv1a(fields: &[&[u8]]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for field in fields {
        for &b in field.iter().chain(&[0xFF]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

#[test]
fn a_message_id_is_the_hash_of_sender_time_and_its_first_fifty_characters() {
    let long = "Olá Ana, café amanhã às 9? Trago o contrato e as notas da reunião de ontem.";
    let part = part_json(&["Ana", "Jo"], &[("Ana", 1_700_000_123_456, long), ("Jo", 1_700_000_200_000, "ok")]);
    let r = read_memory(&[("messages/inbox/ana_42/message_1.json", &part)]).remove(0);
    let head: String = long.chars().take(50).collect();
    let ids: Vec<&str> = r.messages.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, [fnv1a(&[b"Ana", b"1700000123456", head.as_bytes()]), fnv1a(&[b"Jo", b"1700000200000", b"ok"])]);
}

#[test]
fn mojibake_is_repaired_only_where_it_is_mojibake() {
    let body = r#"{"participants":[{"name":"Zo\u00c3\u00ab"},{"name":"Zoë ❤"}],"title":"caf\u00c3\u00a9","messages":[
        {"sender_name":"Zo\u00c3\u00ab","timestamp_ms":1700000001000,"content":"\u00f0\u009f\u0098\u00a0","type":"Generic"},
        {"sender_name":"Zoë ❤","timestamp_ms":1700000002000,"content":"Zoë ❤","type":"Generic"},
        {"sender_name":"Zoë ❤","timestamp_ms":1700000003000,"content":"na\u00efve","type":"Generic"}]}"#;
    let r = read_memory(&[("messages/inbox/cafe_1/message_1.json", body)]).remove(0);
    assert_eq!(r.threads[0].title, "café");
    assert_eq!(texts(&r, "cafe_1"), ["😠", "Zoë ❤", "naïve"], "Latin-1 that is no UTF-8 is kept as it is");
    assert_eq!(keys(&r), ["fb:Zoë", "fb:Zoë ❤"]);
}

#[test]
fn a_zip_export_reads_like_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("facebook-jomuller-2025-01-01.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let base = fixture("facebook/messages");
    let mut files = Vec::new();
    collect(&base, &base, &mut files);
    for (name, bytes) in files.iter().rev() {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
    let from_zip = read(&Archive::open(&path).unwrap()).unwrap();
    let from_folder = read(&Archive::open(&base).unwrap()).unwrap();
    assert_eq!(from_zip, from_folder);
}

fn collect(base: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(base, &path, out);
        } else {
            let name = path.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/");
            out.push((name, std::fs::read(&path).unwrap()));
        }
    }
}

#[test]
fn an_archive_without_messages_is_none_of_theirs() {
    let err = read(&Archive::from_parts("notes.zip", vec![("messages/readme.txt".into(), b"hi".to_vec())])).unwrap_err();
    assert_eq!(err.kind(), "invalid");
    let settings = read(&Archive::from_parts("x.zip", vec![("messages/autofill_information.json".into(), b"{}".to_vec())]));
    assert!(settings.is_err(), "a settings file alone is no chat");
}

#[test]
fn every_cut_of_a_part_reads_or_is_reported_never_panics() {
    let whole = std::fs::read(fixture("facebook/messages/messages/inbox/anapereira_abc123xyz/message_1.json")).unwrap();
    let end = whole.trim_ascii_end().len();
    for cut in 0..end {
        let reads = read_bytes("messages/inbox/ana_1/message_1.json", whole[..cut].to_vec()).unwrap();
        let r = &reads[0];
        assert!(r.problems.len() == 1 && r.messages.is_empty(), "cut at {cut}: {:?}", r.problems);
        assert_eq!(r.problems[0].part, "messages/inbox/ana_1/message_1.json");
    }
    let reads = read_bytes("messages/inbox/ana_1/message_1.json", whole[..end].to_vec()).unwrap();
    assert_eq!(reads[0].messages.len(), 3);
}

#[test]
fn the_fuzzers_seed_files_read_or_are_refused_clearly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/archive_messenger");
    let mut read = 0;
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let bytes = std::fs::read(entry.path()).unwrap();
        if let Err(e) = read_bytes("messages/inbox/ana_1/message_1.json", bytes) {
            assert_eq!(e.kind(), "invalid", "{}: {e}", entry.path().display());
        }
        read += 1;
    }
    assert!(read >= 2, "the seed corpus is there ({read} files)");
}
