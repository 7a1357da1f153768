//! The JSON Meta writes for a conversation, and what one of its messages is to the
//! diary. Every field is optional: Meta adds and drops keys between exports, and one odd
//! message must not cost the whole part.

use serde::{Deserialize, Deserializer};

use crate::vocab::Channel;

/// One `message_N.json` part of a "Download your information" conversation.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ThreadPart {
    pub participants: Vec<Participant>,
    pub messages: Vec<PartMessage>,
    #[serde(deserialize_with = "nullable")]
    pub title: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Participant {
    #[serde(deserialize_with = "nullable")]
    pub name: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct PartMessage {
    #[serde(deserialize_with = "nullable")]
    pub sender_name: String,
    #[serde(deserialize_with = "nullable")]
    pub timestamp_ms: i64,
    #[serde(deserialize_with = "nullable")]
    pub content: String,
    #[serde(rename = "type", deserialize_with = "nullable")]
    pub kind: String,
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
pub(super) struct Chat {
    pub participants: Option<Vec<String>>,
    pub messages: Option<Vec<ChatMessage>>,
    #[serde(deserialize_with = "nullable")]
    pub thread_name: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct ChatMessage {
    #[serde(deserialize_with = "nullable")]
    pub sender_name: String,
    #[serde(deserialize_with = "nullable")]
    pub text: String,
    /// Epoch milliseconds, as in the DYI parts.
    #[serde(deserialize_with = "nullable")]
    pub timestamp: i64,
    #[serde(rename = "type", deserialize_with = "nullable")]
    pub kind: String,
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

/// Meta writes UTF-8 bytes as if each were a Latin-1 character (`caf\u00c3\u00a9`).
/// A string of such characters that decodes as UTF-8 was one; anything else is kept.
pub(super) fn repair(text: String) -> String {
    if text.is_ascii() || text.chars().any(|c| u32::from(c) > 0xFF) {
        return text;
    }
    let bytes: Vec<u8> = text.chars().map(|c| u32::from(c) as u8).collect();
    String::from_utf8(bytes).unwrap_or(text)
}

/// FNV-1a, 64 bits: stable across Rust versions and machines, unlike `DefaultHasher`,
/// so a message keeps its id from one export (and one Rapport) to the next.
pub(super) fn message_id(sender: &str, ms: i64, text: &str) -> u64 {
    let head: String = text.chars().take(50).collect();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for field in [sender.as_bytes(), ms.to_string().as_bytes(), head.as_bytes()] {
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
    let lower = text.to_lowercase();
    let reacted = (lower.starts_with("reacted ") || lower.contains(" reacted ")) && lower.contains(" to your message");
    if reacted || lower == "liked a message" || lower.ends_with(" liked a message") {
        return true;
    }
    // A notice names its actor first ("Ana Lima named the group …", "You left the group."),
    // so a message that merely uses the words is kept.
    let rest = ["You", sender].into_iter().filter(|who| !who.is_empty()).find_map(|who| text.strip_prefix(who));
    rest.is_some_and(|rest| NOTICES.iter().any(|n| rest.starts_with(n)))
}
