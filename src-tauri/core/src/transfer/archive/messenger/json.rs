//! The JSON Meta writes for a conversation, and what one of its messages is to the
//! diary. Every field is optional: Meta adds and drops keys between exports, and one odd
//! message must not cost the whole part.
//!
//! A conversation's strings borrow from the part's bytes: most have no escapes, and
//! a large export's messages would otherwise cost an allocation per field.

use std::borrow::Cow;

use serde::de::Visitor;
use serde::{Deserialize, Deserializer};

use crate::vocab::Channel;

/// One `message_N.json` part of a "Download your information" conversation.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ThreadPart<'a> {
    #[serde(borrow)]
    pub participants: Vec<Participant<'a>>,
    #[serde(borrow)]
    pub messages: Vec<PartMessage<'a>>,
    #[serde(borrow, deserialize_with = "text")]
    pub title: Cow<'a, str>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Participant<'a> {
    #[serde(borrow, deserialize_with = "text")]
    pub name: Cow<'a, str>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct PartMessage<'a> {
    #[serde(borrow, deserialize_with = "text")]
    pub sender_name: Cow<'a, str>,
    #[serde(deserialize_with = "nullable")]
    pub timestamp_ms: i64,
    #[serde(borrow, deserialize_with = "text")]
    pub content: Cow<'a, str>,
    #[serde(rename = "type", borrow, deserialize_with = "text")]
    pub kind: Cow<'a, str>,
    pub call_duration: Option<i64>,
    #[serde(deserialize_with = "nullable")]
    pub missed: bool,
    #[serde(deserialize_with = "nullable")]
    pub is_unsent: bool,
}

/// An end-to-end encrypted Messenger chat, one flat `<Name>_<N>.json` file with
/// camelCase keys. `None` tells a chat from the settings files beside it.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct Chat<'a> {
    pub participants: Option<Vec<String>>,
    #[serde(borrow)]
    pub messages: Option<Vec<ChatMessage<'a>>>,
    #[serde(borrow, deserialize_with = "text")]
    pub thread_name: Cow<'a, str>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct ChatMessage<'a> {
    #[serde(borrow, deserialize_with = "text")]
    pub sender_name: Cow<'a, str>,
    #[serde(borrow, deserialize_with = "text")]
    pub text: Cow<'a, str>,
    /// Epoch milliseconds, as in the DYI parts.
    #[serde(deserialize_with = "nullable")]
    pub timestamp: i64,
    #[serde(rename = "type", borrow, deserialize_with = "text")]
    pub kind: Cow<'a, str>,
    #[serde(deserialize_with = "nullable")]
    pub is_unsent: bool,
}

/// Facebook's owner: `profile_information.json`, `profile_v2` (older exports `profile`).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Profile {
    pub profile_v2: Option<ProfileBody>,
    pub profile: Option<ProfileBody>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ProfileBody {
    pub name: ProfileName,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ProfileName {
    #[serde(deserialize_with = "nullable")]
    pub full_name: String,
}

/// Instagram's owner: `personal_information.json`, `profile_user[0].string_map_data`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Personal {
    pub profile_user: Vec<PersonalUser>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct PersonalUser {
    pub string_map_data: PersonalFields,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct PersonalFields {
    #[serde(rename = "Username")]
    pub username: Labelled,
    #[serde(rename = "Name")]
    pub name: Labelled,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Labelled {
    #[serde(deserialize_with = "nullable")]
    pub value: String,
}

/// `your_friends.json` / `friends.json`: `friends_v2` (older exports `friends`).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Friends {
    pub friends_v2: Option<Vec<Friend>>,
    pub friends: Option<Vec<Friend>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Friend {
    #[serde(deserialize_with = "nullable")]
    pub name: String,
    /// Unix seconds.
    #[serde(deserialize_with = "nullable")]
    pub timestamp: i64,
}

/// A `null` where Meta usually writes a value reads as the value's default.
fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(d: D) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A string as `nullable` reads one, borrowed from the part unless it has escapes.
fn text<'de: 'a, 'a, D: Deserializer<'de>>(d: D) -> Result<Cow<'a, str>, D::Error> {
    struct Text;
    impl<'de> Visitor<'de> for Text {
        type Value = Cow<'de, str>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
            Ok(Cow::Borrowed(v))
        }
        fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Cow::Owned(v.to_owned()))
        }
        fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
            Ok(Cow::Owned(v))
        }
        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok(Cow::Borrowed(""))
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(Cow::Borrowed(""))
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_str(self)
        }
    }
    d.deserialize_option(Text)
}

/// Meta writes UTF-8 bytes as if each were a Latin-1 character (`caf\u00c3\u00a9`).
/// A string of such characters that decodes as UTF-8 was one; anything else is kept.
pub(super) fn repair(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    // U+0080..U+00FF are the characters whose UTF-8 starts C2 or C3; a higher lead
    // byte is a character no Latin-1 byte makes.
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes().iter();
    while let Some(&b) = rest.next() {
        match b {
            0..=0x7F => bytes.push(b),
            0xC2 | 0xC3 => bytes.push(((b & 0x03) << 6) | rest.next().map_or(0, |c| c & 0x3F)),
            _ => return Cow::Borrowed(text),
        }
    }
    String::from_utf8(bytes).map_or(Cow::Borrowed(text), Cow::Owned)
}

/// FNV-1a, 64 bits: stable across Rust versions and machines, unlike `DefaultHasher`,
/// so a message keeps its id from one export (and one Rapport) to the next.
pub(super) fn message_id(sender: &str, ms: i64, text: &str) -> u64 {
    // The first 50 characters, sliced rather than copied.
    let head = text.char_indices().nth(50).map_or(text, |(i, _)| &text[..i]);
    // `ms` in decimal, written on the stack: one allocation a message less.
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = ms.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if ms < 0 {
        at -= 1;
        digits[at] = b'-';
    }
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for field in [sender.as_bytes(), &digits[at..], head.as_bytes()] {
        // The 0xFF between fields keeps ("ab", "c") apart from ("a", "bc").
        for &b in field.iter().chain(&[0xFF]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// What a message is to the diary: a written touch, a call, or nothing (a missed
/// call, a system line, an Instagram reaction written out as a message).
pub(super) fn channel(kind: &str, call_duration: Option<i64>, missed: bool, content: &str, sender: &str) -> Option<Channel> {
    if call_duration.is_some() || kind.eq_ignore_ascii_case("call") {
        // A call that rang out is no touch; one that lasted is.
        return (call_duration.unwrap_or(0) > 0 && !missed).then_some(Channel::Phone);
    }
    if kind.eq_ignore_ascii_case("subscribe") || kind.eq_ignore_ascii_case("unsubscribe") || is_notice(content, sender) {
        return None;
    }
    Some(Channel::DirectMessage)
}

/// What Messenger writes about a conversation rather than in it.
const NOTICES: &[&str] = &[
    " named the group",
    " left the group",
    " changed the group photo",
    " removed the group photo",
    " created the group",
    " added ",
    " removed ",
    " set the nickname",
    " set your nickname",
    " set his own nickname",
    " set her own nickname",
    " set their own nickname",
    " cleared the nickname",
    " set the emoji",
    " set the quick reaction",
    " changed the theme",
    " changed the chat theme",
    " pinned a message",
    " unpinned a message",
    " started a video chat",
    " started a call",
    " joined the video chat",
    " joined the video call",
    " joined the call",
    " started an audio call",
    " started a video call",
    " missed an audio call",
    " missed a video call",
    " turned on disappearing messages",
    " turned off disappearing messages",
    " waved at ",
    " is now an admin",
    " missed a video chat",
];

fn is_notice(content: &str, sender: &str) -> bool {
    let text = content.trim();
    if text.is_empty() {
        return false;
    }
    const WHOLE: &[&str] = &[
        "You are now connected on Messenger",
        "Say hi to your new Facebook friend",
        "You can now message and call each other",
        "An admin, moderator or host removed",
    ];
    if WHOLE.iter().any(|w| text.starts_with(w))
        || matches!(text, "Audio call ended" | "Video call ended" | "Video chat ended" | "This chat is read-only.")
    {
        return true;
    }
    // Instagram writes a reaction as its own line: "Reacted ❤️ to your message", "Liked a message".
    // Only ASCII characters lowercase to these (the Kelvin sign is a `k`, hence not
    // "liked"), so a line without one of them is not lowercased.
    let has =
        |part: &[u8]| text.as_bytes().windows(part.len()).any(|w| w[0].to_ascii_lowercase() == part[0] && w.eq_ignore_ascii_case(part));
    if has(b"your message") || has(b"d a message") {
        let lower = text.to_lowercase();
        let reacted = (lower.starts_with("reacted ") || lower.contains(" reacted ")) && lower.contains(" to your message");
        if reacted || lower == "liked a message" || lower.ends_with(" liked a message") {
            return true;
        }
    }
    // A notice names its actor first ("Ana Lima named the group …", "You left the group."),
    // so a message that merely uses the words is kept.
    let rest = ["You", sender].into_iter().filter(|who| !who.is_empty()).find_map(|who| text.strip_prefix(who));
    rest.is_some_and(|rest| NOTICES.iter().any(|n| rest.starts_with(n)))
}
