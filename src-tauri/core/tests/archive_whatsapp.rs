//! WhatsApp's "Export chat" read from the fixtures (Android and iOS files, a zip, a
//! folder of chats, localised exports, broken lines) and from generated chats: every
//! date and time variant, day-or-month guessing, daylight-saving edges, bad files and a
//! 200,000-line chat.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::DateTime;
use rapport_core::transfer::archive::{read, read_bytes, whatsapp, Archive, ArchiveSource, SourceRead};
use rapport_core::vocab::{Channel, HandlePlatform};

fn fixture(rel: &str) -> SourceRead {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/archives/whatsapp").join(rel);
    let mut found = read(&Archive::open(&path).unwrap()).unwrap();
    assert_eq!(found.len(), 1);
    let read = found.remove(0);
    assert_eq!(read.source, ArchiveSource::Whatsapp);
    read
}

fn chat(name: &str, text: &str) -> SourceRead {
    read(&Archive::from_parts(name, vec![(name.to_owned(), text.as_bytes().to_vec())])).unwrap().remove(0)
}

fn utc(at: i64) -> String {
    DateTime::from_timestamp(at, 0).unwrap().format("%Y-%m-%d %H:%M:%S").to_string()
}

/// Each message as (sender, UTC time, channel, text).
fn said(read: &SourceRead) -> Vec<(String, String, Channel, String)> {
    read.messages.iter().map(|m| (read.parties[m.sender.unwrap()].name.clone(), utc(m.at), m.channel, m.text.clone())).collect()
}

fn row(sender: &str, at: &str, channel: Channel, text: &str) -> (String, String, Channel, String) {
    (sender.to_owned(), at.to_owned(), channel, text.to_owned())
}

fn names(read: &SourceRead, parties: &[usize]) -> Vec<String> {
    parties.iter().map(|&p| read.parties[p].name.clone()).collect()
}

fn reasons(read: &SourceRead) -> Vec<(Option<usize>, String)> {
    read.problems.iter().map(|p| (p.line, p.reason.clone())).collect()
}

use Channel::{DirectMessage as Dm, Phone, Video};

#[test]
fn an_android_chat_reads_month_first_with_multi_line_messages_media_and_no_notices() {
    let read = fixture("android/WhatsApp Chat with John Doe.txt");
    assert_eq!(
        said(&read),
        [
            row("John Doe", "2019-12-24 11:23:00", Dm, "Lorem ipsum dolor sit amet."),
            row("John Doe", "2019-12-24 11:23:00", Dm, "Lorem ipsum : dolor sit amet."),
            row(
                "Ana Lima",
                "2020-01-17 20:49:00",
                Dm,
                "Lorem ipsum dolor sit amet,\nconsectetur adipiscing elit. Duis libero.\n\nPellentesque non tincidunt erat."
            ),
            row("John Doe", "2020-01-18 14:53:00", Dm, ""),
            row("Ana Lima", "2020-01-18 14:55:00", Dm, "hi"),
        ]
    );
    assert_eq!(read.threads.len(), 1);
    assert_eq!((read.threads[0].key.as_str(), read.threads[0].title.as_str()), ("John Doe", "John Doe"));
    assert_eq!(names(&read, &read.threads[0].participants), ["John Doe", "Ana Lima"]);
    // One chat: both could be the user, in the order they first appear.
    assert_eq!(names(&read, &read.selves), ["John Doe", "Ana Lima"]);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    assert_eq!(read.parts, ["WhatsApp Chat with John Doe.txt"]);
    let mut ids: Vec<&str> = read.messages.iter().map(|m| m.id.as_str()).collect();
    assert!(ids.iter().all(|id| id.len() == 16 && id.chars().all(|c| c.is_ascii_hexdigit())));
    ids.dedup();
    assert_eq!(ids.len(), 5, "two equal-looking lines in one minute keep their own ids");
}

#[test]
fn a_group_keys_a_number_by_its_digits_and_leaves_out_who_joined_and_left() {
    let read = fixture("android/WhatsApp Chat with Project X.txt");
    assert_eq!(
        said(&read),
        [
            row("+12 345 578", "2014-12-24 17:10:00", Dm, "Welcome, both of you"),
            row("Ana Lima", "2014-12-25 09:00:00", Dm, "Thanks!"),
            row("Bo Berg", "2014-12-25 09:01:00", Dm, "the view from here"),
        ]
    );
    let number = &read.parties[0];
    assert_eq!((number.key.as_str(), number.name.as_str()), ("+12345578", "+12 345 578"));
    assert_eq!(number.handles.len(), 1);
    assert_eq!((number.handles[0].platform, number.handles[0].value.as_str()), (HandlePlatform::Phone, "+12345578"));
    assert!(!number.handles[0].professional && number.handles[0].url.is_empty());
    // The group's name is no person: three senders make the thread.
    assert_eq!(names(&read, &read.threads[0].participants), ["+12 345 578", "Ana Lima", "Bo Berg"]);
    assert_eq!(read.parties.len(), 3);
}

#[test]
fn notices_quoting_a_colon_name_no_sender_and_a_strangers_tilde_is_dropped() {
    let text = "01.01.2021, 00:03 - Иван изменил тему с «Старое: имя» на «Новое»\n\
                01.01.2021, 00:04 - Ana changed the subject from \"A: B\" to \"C\"\n\
                01.01.2021, 00:05 - ~\u{202F}Пётр: я не из контактов\n\
                01.01.2021, 00:06 - Ana: Missed voice call\n";
    let read = chat("WhatsApp Chat with Group.txt", text);
    assert_eq!(said(&read), [row("Пётр", "2021-01-01 00:05:00", Dm, "я не из контактов")]);
    assert_eq!(read.parties.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Пётр", "Group"]);
}

#[test]
fn in_a_folder_of_chats_the_user_is_whoever_is_in_every_one() {
    let read = fixture("android");
    assert_eq!(read.threads.iter().map(|t| t.key.as_str()).collect::<Vec<_>>(), ["John Doe", "Project X"]);
    assert_eq!(names(&read, &read.selves), ["Ana Lima"]);
    assert_eq!(read.parties.iter().filter(|p| p.name == "Ana Lima").count(), 1, "one party across chats");
}

#[test]
fn an_ios_chat_reads_calls_as_phone_and_video_and_skips_missed_ones() {
    let read = fixture("ios");
    assert_eq!(
        said(&read),
        [
            row("John Doe", "2022-12-31 11:40:26", Dm, "Happy new year!"),
            row("Ana Lima", "2022-12-31 11:41:02", Dm, "You too. Call?"),
            row("Ana Lima", "2022-12-31 11:42:10", Dm, ""),
            row("John Doe", "2022-12-31 11:45:00", Phone, "Voice call, 12 min"),
            row("Ana Lima", "2023-01-01 10:00:00", Video, "Video call, 1 hr 5 min"),
            row("John Doe", "2023-01-13 09:00:00", Dm, ""),
        ]
    );
    assert_eq!(read.threads[0].key, "Ana Lima", "named by the folder holding _chat.txt");
    assert_eq!(read.parts, ["WhatsApp Chat - Ana Lima/_chat.txt"]);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
}

#[test]
fn an_ios_zip_with_the_chat_in_a_folder_reads_twelve_hour_times_after_a_narrow_space() {
    let read = fixture("WhatsApp Chat - Bo Berg.zip");
    assert_eq!(
        said(&read),
        [
            row("Bo Berg", "2023-01-13 09:05:01", Dm, "Morning"),
            row("John Doe", "2023-01-13 09:06:12", Dm, "Morning Bo"),
            row("Bo Berg", "2023-01-13 12:00:00", Dm, ""),
            row("Bo Berg", "2023-01-13 00:30:00", Dm, "late one"),
        ]
    );
    assert_eq!(read.threads[0].key, "Bo Berg");
    assert_eq!(read.parts, ["WhatsApp Chat - Bo Berg/_chat.txt"], "the photo and __MACOSX are not read");
}

#[test]
fn localised_exports_are_found_by_name_or_by_their_lines() {
    let read = fixture("localised");
    assert_eq!(read.parts, ["Chat Export.txt", "Chat de WhatsApp con Lucía.txt"], "not the shopping list");
    assert_eq!(read.threads.iter().map(|t| t.key.as_str()).collect::<Vec<_>>(), ["Chat Export", "Lucía"]);
    assert_eq!(
        said(&read),
        [
            row("Jana Novak", "2021-10-24 15:21:00", Dm, "Hallo John"),
            row("John Doe", "2021-10-24 15:22:00", Dm, ""),
            row("Lucía", "2018-06-03 13:55:00", Dm, "¡Hola!"),
            row("John Doe", "2018-06-13 09:15:00", Dm, ""),
        ]
    );
    assert_eq!(names(&read, &read.selves), ["John Doe"]);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
}

/// Lines as real exports write them (starkdmi/whats_json's test exports, WhatsR, a 2025
/// Brazilian Android export), some without the U+200E mark an export may lose on the way.
#[test]
fn the_platforms_own_lines_in_every_language_are_no_words() {
    let german = chat(
        "WhatsApp Chat mit Jana.txt",
        "24.10.21, 15:21 - Berichten en oproepen worden end-to-end versleuteld. Niemand buiten deze chat kan ze lezen.\n\
         24.10.21, 15:21 - Jana Novak: Hallo John\n\
         24.10.21, 15:22 - John Doe: Kontaktkarte ausgelassen\n\
         24.10.21, 15:23 - Jana Novak: GIF weggelassen\n\
         24.10.21, 15:24 - Jana Novak: Waiting for this message\n\
         24.10.21, 15:25 - John Doe: Sprachanruf. 6 Sek.\n\
         24.10.21, 15:26 - Jana Novak: Verpasster Sprachanruf. Zum Zurückrufen tippen\n\
         24.10.21, 15:27 - John Doe: Apagou esta mensagem.\n\
         24.10.21, 15:28 - Jana Novak: This message was deleted by admin Bo Berg\n\
         24.10.21, 15:29 - Jana Novak: Messages to this chat and calls are now secured with end-to-end encryption. Tap for more info.\n",
    );
    assert_eq!(
        said(&german),
        [
            row("Jana Novak", "2021-10-24 15:21:00", Dm, "Hallo John"),
            row("John Doe", "2021-10-24 15:22:00", Dm, ""),
            row("Jana Novak", "2021-10-24 15:23:00", Dm, ""),
            row("John Doe", "2021-10-24 15:25:00", Phone, "Sprachanruf. 6 Sek."),
        ],
        "placeholders for media are touches without words; notices and a missed call are none"
    );
    let brazil = chat(
        "Conversa do WhatsApp com Iuri.txt",
        "27/10/2025 09:00 - As mensagens e ligações são protegidas com a criptografia de ponta a ponta.\n\
         27/10/2025 09:01 - Iuri Brasil: Oi!\n\
         27/10/2025 09:02 - Iuri Brasil: Ligação de voz perdida\n\
         27/10/2025 09:03 - John Doe: IMG-20251027-WA0023.jpg (arquivo anexado)\n\
         28/10/2025 10:00 - Iuri Brasil: Esperando este mensaje\n",
    );
    assert_eq!(said(&brazil), [row("Iuri Brasil", "2025-10-27 09:01:00", Dm, "Oi!"), row("John Doe", "2025-10-27 09:03:00", Dm, "")]);
    assert!(german.problems.is_empty() && brazil.problems.is_empty(), "{:?} {:?}", german.problems, brazil.problems);
}

#[test]
fn every_date_and_time_variant_reads() {
    let cases = [
        ("12/24/19, 11:23 - A: x", "2019-12-24 11:23:00"),
        ("[31/12/2022 11:40:26] A: x", "2022-12-31 11:40:26"),
        ("24.10.21, 15:21 - A: x", "2021-10-24 15:21:00"),
        ("2021/10/24 15:21 - A: x", "2021-10-24 15:21:00"),
        ("1/17/20, 8:49 PM - A: x", "2020-01-17 20:49:00"),
        ("17/1/2020, 8:49 pm - A: x", "2020-01-17 20:49:00"),
        ("17/1/2020, 8:49 a.m. - A: x", "2020-01-17 08:49:00"),
        ("17/1/2020, 12:49 a. m. - A: x", "2020-01-17 00:49:00"),
        ("17/1/2020, 12:49 p. m. - A: x", "2020-01-17 12:49:00"),
        ("[17/1/2020, 8:49:05\u{202F}PM] A: x", "2020-01-17 20:49:05"),
        ("17/1/2020, 8:49\u{A0}PM - A: x", "2020-01-17 20:49:00"),
        ("\u{200E}\u{200F}[17/01/2020, 20:49:05] A: x", "2020-01-17 20:49:05"),
        ("[10.24.21, 15:21:43] A: x", "2021-10-24 15:21:43"),
        ("19-10-2022 10:37:00 p.m. - A: x", "2022-10-19 22:37:00"),
        ("13.6.2018 klo 21.25.15 - A: x", "2018-06-13 21:25:15"),
        ("13. 6. 2018. 21:25:15 A: x", "2018-06-13 21:25:15"),
        ("13.06.18 21.25.15: A: x", "2018-06-13 21:25:15"),
        ("[3/18/2565 BE, 14:56:01] A: x", "2022-03-18 14:56:01"),
        ("2021. 10. 24. 오후 3:21 - A: x", "2021-10-24 15:21:00"),
        ("\u{661}\u{667}/\u{661}/\u{662}\u{660}\u{662}\u{660}\u{60C} \u{668}:\u{664}\u{669} \u{645} - A: x", "2020-01-17 20:49:00"),
    ];
    for (line, want) in cases {
        let read = chat("_chat.txt", &format!("{line}\n"));
        assert_eq!(said(&read), [row("A", want, Dm, "x")], "{line}");
        assert!(read.problems.is_empty(), "{line}: {:?}", read.problems);
    }
}

#[test]
fn day_or_month_is_settled_by_time_order_and_else_read_day_first_with_a_problem() {
    let day_first = chat("a.txt", "2/1/21, 10:00 - A: x\n1/2/21, 10:00 - A: y\n");
    assert_eq!(said(&day_first)[1].1, "2021-02-01 10:00:00");
    let month_first = chat("b.txt", "1/2/21, 10:00 - A: x\n2/1/21, 10:00 - A: y\n");
    assert_eq!(said(&month_first)[1].1, "2021-02-01 10:00:00");
    assert!(day_first.problems.is_empty() && month_first.problems.is_empty());

    let unsure = chat("c.txt", "3/4/21, 10:00 - A: x\n");
    assert_eq!(said(&unsure)[0].1, "2021-04-03 10:00:00");
    assert_eq!(reasons(&unsure), [(None, "could not tell day from month in c.txt; read as day first".to_owned())]);
    let same = chat("d.txt", "5/5/21, 10:00 - A: x\n");
    assert!(same.problems.is_empty(), "5/5 reads the same either way");
}

#[test]
fn bad_lines_are_problems_naming_file_and_line_and_the_good_lines_still_import() {
    let read = fixture("broken");
    assert_eq!(said(&read), [row("Ana Lima", "2023-02-28 10:00:00", Dm, "fine"), row("John Doe", "2023-03-01 10:02:00", Dm, "fine too")]);
    assert_eq!(
        reasons(&read),
        [
            (Some(2), "31/02/2023, 10:01 is no date or time that exists; the message was left out.".to_owned()),
            (Some(5), "the last line is cut short; it was left out.".to_owned()),
        ]
    );
    assert!(read.problems.iter().all(|p| p.part == "WhatsApp Chat with Broken Line.txt"));
}

#[test]
fn empty_binary_and_mis_encoded_chats_are_problems_not_errors() {
    let empty = chat("_chat.txt", "");
    assert_eq!((empty.messages.len(), reasons(&empty)), (0, vec![(None, "_chat.txt is empty.".to_owned())]));

    let binary = read_bytes("_chat.txt", vec![0x50, 0x00, 0xFF, 0x12, 0x00]).unwrap().remove(0);
    assert_eq!(reasons(&binary), [(None, "_chat.txt is not a text file, so not a WhatsApp chat.".to_owned())]);

    let latin1 = read_bytes("_chat.txt", b"24.10.21, 15:21 - Jana: Gr\xfc\xdfe\n".to_vec()).unwrap().remove(0);
    assert_eq!(said(&latin1), [row("Jana", "2021-10-24 15:21:00", Dm, "Gr\u{FFFD}\u{FFFD}e")]);
    assert_eq!(latin1.problems.len(), 1);

    let notes = chat("_chat.txt", "Milk\nBread\n");
    assert_eq!((notes.messages.len(), reasons(&notes)), (0, vec![(None, "_chat.txt holds no WhatsApp messages.".to_owned())]));
    let late = chat("_chat.txt", "Milk\n12/24/19, 11:23 - A: x\n");
    assert_eq!(reasons(&late), [(Some(1), "this line is not a WhatsApp message; it was left out.".to_owned())]);
    assert_eq!(late.messages.len(), 1);

    // An archive holding no chat at all is no WhatsApp export.
    let other = Archive::from_parts("notes.txt", vec![("notes.txt".to_owned(), b"Milk\n12/24/19, 11:23 - A: x\n".to_vec())]);
    assert!(read(&other).is_err());
    assert!(whatsapp::read_in(&other, chrono_tz::UTC).unwrap().is_none());
}

#[test]
fn wall_clock_times_are_read_in_the_zone_given_through_daylight_saving_changes() {
    let text = "15/01/2024, 12:00 - A: winter\n31/03/2024, 02:30 - A: skipped hour\n27/10/2024, 02:30 - A: hour twice\n";
    let archive = Archive::from_parts("_chat.txt", vec![("_chat.txt".to_owned(), text.as_bytes().to_vec())]);
    let read = whatsapp::read_in(&archive, chrono_tz::Europe::Berlin).unwrap().unwrap();
    let times: Vec<String> = read.messages.iter().map(|m| utc(m.at)).collect();
    // 02:30 did not happen: 03:00 CEST, the gap's end. 02:30 twice: the first, in CEST.
    assert_eq!(times, ["2024-01-15 11:00:00", "2024-03-31 01:00:00", "2024-10-27 00:30:00"]);
}

fn fnv1a(pieces: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, piece) in pieces.iter().enumerate() {
        let sep: &[u8] = if i == 0 { b"" } else { b"\x1f" };
        for &b in sep.iter().chain(piece.as_bytes()) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

#[test]
fn message_ids_hash_chat_wall_clock_sender_and_text_and_a_chat_read_twice_counts_once() {
    let text = "12/24/19, 11:23 - +12 345 578: hello there\n12/24/19, 11:23 - +12 345 578: hello there\n";
    let read = chat("WhatsApp Chat with Bo.txt", text);
    assert_eq!(read.messages[0].id, fnv1a(&["Bo", "2019-12-24T11:23:00", "+12345578", "hello there"]));
    assert_eq!(read.messages[1].id, fnv1a(&["Bo", "2019-12-24T11:23:00", "+12345578", "hello there", "2"]));

    let twice = vec![
        ("WhatsApp Chat with Bo.txt".to_owned(), text.as_bytes().to_vec()),
        ("WhatsApp Chat with Bo (1).txt".to_owned(), text.as_bytes().to_vec()),
    ];
    let again = read_bytes_archive(twice);
    assert_eq!(again.messages.len(), 2);
    assert_eq!(again.threads.len(), 1);
    assert_eq!(again.messages.iter().map(|m| &m.id).collect::<Vec<_>>(), read.messages.iter().map(|m| &m.id).collect::<Vec<_>>());
}

fn read_bytes_archive(files: Vec<(String, Vec<u8>)>) -> SourceRead {
    read(&Archive::from_parts("export", files)).unwrap().remove(0)
}

#[test]
fn a_200_000_line_chat_reads_in_linear_time() {
    let mut text = String::with_capacity(200_000 * 48);
    for i in 0..200_000u32 {
        let (day, minute) = (1 + (i / 1440) % 28, i % 1440);
        let sender = ["Ana Lima", "John Doe", "+12 345 578"][(i % 3) as usize];
        if i % 10 == 9 {
            text.push_str("a second line of the message before\n");
        } else {
            text.push_str(&format!("{day}/3/2023, {:02}:{:02} - {sender}: message number {i}\n", minute / 60, minute % 60));
        }
    }
    let started = Instant::now();
    let read = chat("WhatsApp Chat with Ana Lima.txt", &text);
    let took = started.elapsed();
    assert_eq!(read.messages.len(), 180_000);
    eprintln!("200,000 lines read in {took:?}");
    // Well under a second in release; the bound leaves room for a debug build.
    assert!(took < Duration::from_secs(15), "{took:?}");
}

#[test]
fn the_fuzzers_seed_files_read_without_panicking() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/archive_whatsapp");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let bytes = std::fs::read(entry.path()).unwrap();
        match read_bytes("_chat.txt", bytes) {
            Ok(found) => assert!(found.iter().all(|r| r.source == ArchiveSource::Whatsapp)),
            Err(e) => assert_eq!(e.field(), Some("file"), "{e}"),
        }
        seen += 1;
    }
    assert!(seen >= 2);
}
