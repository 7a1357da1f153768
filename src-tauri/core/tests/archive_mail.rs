//! Mailboxes (.mbox) read from their headers into e-mails: Gmail's Takeout, threads,
//! encoded names, what is left out, a generated mailbox, and broken files.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::DateTime;
use rapport_core::transfer::archive::{read, read_bytes, Archive, ArchiveSource, SourceRead};
use rapport_core::vocab::Channel;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/archives/mail").join(name)
}

fn mail(archive: &Archive) -> SourceRead {
    let mut reads = read(archive).unwrap();
    assert_eq!(reads.len(), 1);
    let read = reads.remove(0);
    assert_eq!(read.source, ArchiveSource::Mail);
    read
}

fn key(read: &SourceRead, party: usize) -> &str {
    &read.parties[party].key
}

fn utc(text: &str) -> i64 {
    DateTime::parse_from_rfc3339(text).unwrap().timestamp()
}

#[test]
fn a_takeout_mailbox_gives_the_personal_mail() {
    let read = mail(&Archive::open(&fixture("takeout.mbox")).unwrap());
    let ids: Vec<&str> = read.messages.iter().map(|m| m.id.as_str()).collect();
    // The list mail, the robot, spam and trash are left out, the impossible date too;
    // the `>From ` and `From here on` body lines split nothing.
    assert_eq!(ids.len(), 5, "{ids:?}");
    assert_eq!(ids[..3], ["m1@example.com", "m2@example.org", "m3@example.com"]);
    assert!(ids[3].starts_with("mail-") && ids[3].len() == 21, "no Message-ID: a hash ({})", ids[3]);
    assert_eq!(ids[4], "many@example.com");
    assert!(read.messages.iter().all(|m| m.channel == Channel::Email));

    let thread: Vec<usize> = read.messages[..3].iter().map(|m| m.thread).collect();
    assert_eq!(thread, [thread[0]; 3], "replies join the root of References");
    let t = &read.threads[thread[0]];
    assert_eq!((t.key.as_str(), t.title.as_str()), ("m1@example.com", "Lunch next week?"));
    assert_eq!(
        t.participants.iter().map(|&p| key(&read, p)).collect::<Vec<_>>(),
        ["me@example.com", "joao@example.org", "ana@example.com"]
    );

    let reply = &read.messages[1];
    let joao = reply.sender.unwrap();
    assert_eq!((key(&read, joao), read.parties[joao].name.as_str()), ("joao@example.org", "João Silva"), "RFC 2047 decoded");
    assert_eq!(reply.to.iter().map(|&p| key(&read, p)).collect::<Vec<_>>(), ["me@example.com", "ana@example.com"], "To and Cc");
    assert_eq!(reply.at, utc("2026-03-02T12:00:00Z"));
    assert_eq!(reply.text, "Re: Lunch next week?");
    assert_eq!(reply.personal, None, "the grain decides");
    assert_eq!(read.messages[4].personal, Some(false), "eleven recipients: a circular");
    assert_eq!(read.messages[4].to.len(), 11);

    assert_eq!(read.selves.iter().map(|&s| key(&read, s)).collect::<Vec<_>>(), ["me@example.com"], "the sender of Sent mail");
    assert_eq!(read.parties[read.selves[0]].name, "Me Myself");

    let date_line = std::fs::read_to_string(fixture("takeout.mbox")).unwrap().lines().position(|l| l.contains("30 Feb 2026")).unwrap() + 1;
    let problems: Vec<(Option<usize>, &str)> = read.problems.iter().map(|p| (p.line, p.reason.as_str())).collect();
    assert_eq!(
        problems,
        [
            (Some(date_line), "this message's Date (Mon, 30 Feb 2026 11:00:00 +0000) is not a date; it was not read"),
            (None, "2 list or bulk messages left out"),
            (None, "2 spam or trash messages left out"),
        ]
    );
    assert!(read.problems.iter().all(|p| p.part == "takeout.mbox"));
    assert_eq!(mail(&Archive::open(&fixture("takeout.mbox")).unwrap()).messages, read.messages, "ids are stable");
}

/// A Takeout-like mailbox of `n` messages: every 5th from a list, every 7th spam,
/// replies in threads of three, bodies with `From ` lines, 2 KB of base64 each.
fn generated(n: usize) -> Vec<u8> {
    let mut out = String::new();
    let body = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\n".repeat(28);
    for i in 0..n {
        let labels = if i % 7 == 0 {
            "Spam"
        } else if i % 2 == 0 {
            "Sent"
        } else {
            "Inbox,Opened"
        };
        let (from, to) = if i % 2 == 0 {
            ("Me <me@x.com>".to_owned(), format!("p{}@x.com", i % 50))
        } else {
            (format!("P <p{}@x.com>", i % 50), "me@x.com".to_owned())
        };
        let list = if i % 5 == 0 { "List-Id: <l.x.com>\n" } else { "" };
        let refs = if i % 3 == 0 { String::new() } else { format!("References: <{}@x.com>\n", i - i % 3) };
        let _ = write!(
            out,
            "From {i}@xxx Mon Mar 02 09:00:00 +0000 2026\nX-Gmail-Labels: {labels}\nMessage-ID: <{i}@x.com>\n{refs}{list}\
             Date: Mon, 2 Mar 2026 10:00:00 +0100\nFrom: {from}\nTo: {to}\nSubject: s{i}\n\nHello\nFrom here on\n>From there\n\n{body}\n"
        );
    }
    out.into_bytes()
}

#[test]
fn a_generated_mailbox_of_some_megabytes_counts_right() {
    let n = 2_000;
    let bytes = generated(n);
    assert!(bytes.len() > 4 << 20, "{} bytes", bytes.len());
    let read = mail(&Archive::from_parts("all.zip", vec![("Takeout/Mail/All mail Including Spam and Trash.mbox".into(), bytes)]));
    let spam = (0..n).filter(|i| i % 7 == 0).count();
    let list = (0..n).filter(|i| i % 7 != 0 && i % 5 == 0).count();
    assert_eq!(read.messages.len(), n - spam - list);
    assert!(read.messages.iter().all(|m| m.id == format!("{}@x.com", m.text.trim_start_matches('s'))));
    // Threads of three, by the root of References.
    let roots: std::collections::HashSet<&str> = read.threads.iter().map(|t| t.key.as_str()).collect();
    assert!(roots.iter().all(|k| k.trim_end_matches("@x.com").parse::<usize>().unwrap() % 3 == 0));
    // p0..p49 and me, less the ten (p0, p5, …, p45) that only ever write from the list.
    assert_eq!(read.parties.len(), 41);
    assert_eq!(key(&read, read.selves[0]), "me@x.com");
    assert_eq!(
        read.problems.iter().map(|p| p.reason.as_str()).collect::<Vec<_>>(),
        [format!("{list} list or bulk messages left out"), format!("{spam} spam or trash messages left out")]
    );
}

#[test]
fn without_sent_labels_the_user_is_the_most_named_address() {
    let mbox = "From a\nFrom: Bo <bo@x.com>\nTo: me@x.com\nDate: Mon, 2 Mar 2026 10:00:00 +0000\n\nhi\n\
                From b\nFrom: Cy <cy@x.com>\nTo: me@x.com\nDate: Mon, 2 Mar 2026 11:00:00 +0000\n\nhi\n\
                From c\nFrom: me@x.com\nTo: bo@x.com\nDate: Mon, 2 Mar 2026 12:00:00 +0000\n\nhi\n";
    let read = read_bytes("Inbox.mbox", mbox.as_bytes().to_vec()).unwrap().remove(0);
    assert_eq!(read.messages.len(), 3);
    assert_eq!(read.selves.iter().map(|&s| key(&read, s)).collect::<Vec<_>>(), ["me@x.com"]);
    assert_ne!(read.messages[0].id, read.messages[1].id, "hashed ids differ");
}

#[test]
fn a_mailbox_cut_short_keeps_the_messages_before_the_cut() {
    let bytes = std::fs::read(fixture("takeout.mbox")).unwrap();
    let cut = bytes.windows(13).position(|w| w == b"Subject: No i").unwrap();
    let read = read_bytes("cut.mbox", bytes[..cut + 5].to_vec()).unwrap().remove(0);
    // The messages before the cut and the one cut inside its headers (it has From and Date).
    assert_eq!(read.messages.len(), 4);
    assert_eq!(read.messages[3].text, "", "its subject was cut off");
}

#[test]
fn broken_files_give_problems_never_a_panic() {
    let not_mbox = read_bytes("notes.mbox", b"Dear diary,\nnothing here.\n".to_vec()).unwrap().remove(0);
    assert_eq!(not_mbox.problems.len(), 1);
    assert!(not_mbox.problems[0].reason.starts_with("no messages found"));
    let inputs: Vec<&[u8]> = vec![
        b"From \n",
        b"From x\nFrom: \n\n",
        b"From x\nX: y\n",
        b"From x\nFrom: a@b\nDate: yesterday\n\nFrom y\nFrom: =?UTF-8?B?////?= <c@d>\nDate: 1 Jan 1900 00:00 +9999\n",
        b"From x\nFrom: a@b\nTo: ,,,<>,\"\nReferences: <<<\nDate: Mon, 2 Mar 2026 10:00:00 +0000\n\n",
        b"\xff\xfe\r\n\r\nFrom \r\n\r\n",
    ];
    for bytes in inputs {
        let reads = read_bytes("mail.mbox", bytes.to_vec()).unwrap();
        assert!(reads.iter().all(|r| r.messages.iter().all(|m| m.thread < r.threads.len())));
    }
}

/// `cargo test --release -p rapport-core --test archive_mail -- --ignored --nocapture`:
/// reads a generated 200 MB mbox from a file and prints MB/s.
#[test]
#[ignore = "a measurement, not a check"]
fn throughput_of_a_200_mb_mailbox() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("All mail Including Spam and Trash.mbox");
    let chunk = generated(2_000);
    let mut file = std::fs::File::create(&path).unwrap();
    let mut size = 0;
    while size < 200 << 20 {
        std::io::Write::write_all(&mut file, &chunk).unwrap();
        size += chunk.len();
    }
    drop(file);
    let started = std::time::Instant::now();
    let read = mail(&Archive::open(&path).unwrap());
    let seconds = started.elapsed().as_secs_f64();
    eprintln!("{} MB in {seconds:.2} s: {:.0} MB/s, {} messages kept", size >> 20, (size >> 20) as f64 / seconds, read.messages.len());
}

#[test]
fn the_fuzzer_seeds_read() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/archive_mail");
    let mut seeds = 0;
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let reads = read_bytes("mail.mbox", std::fs::read(entry.path()).unwrap()).unwrap();
        assert!(!reads[0].messages.is_empty(), "{}", entry.path().display());
        seeds += 1;
    }
    assert!(seeds >= 2);
}
