//! DESIGN.md's vocabulary as types. Each is stored as its snake_case name, the same
//! name the UI sends and receives, and the same name the schema's CHECKs accept.

pub mod money;
pub(crate) mod text;
mod words;

pub use text::limits;
pub use words::{vocabulary, ChannelTerm, FollowUpKindTerm, PlatformTerm, Term, Vocabulary};

/// Declares an enum stored and sent as its snake_case name.
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
                 serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }

            /// The values `wanted` holds as an SQL list, `('phone', 'video')`: queries
            /// build their lists from the Rust rule, so the two cannot disagree.
            pub fn sql_list(wanted: impl Fn(Self) -> bool) -> String {
                let names: Vec<String> = Self::ALL.iter().filter(|v| wanted(**v)).map(|v| format!("'{}'", v.as_str())).collect();
                format!("({})", names.join(", "))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::parse(text).ok_or_else(|| rusqlite::types::FromSqlError::Other(
                    format!("unknown {} {text:?}", stringify!($name)).into()))
            }
        }
    };
}

text_enum! {
    /// A person's place on the ladder, lowest first.
    Rung {
        Noticed = "noticed",
        Connected = "connected",
        Conversing = "conversing",
        Spoken = "spoken",
        Met = "met",
        Working = "working",
    }
}

text_enum! {
    /// Where a handle lives.
    HandlePlatform {
        X = "x",
        Linkedin = "linkedin",
        Facebook = "facebook",
        Instagram = "instagram",
        Email = "email",
        Phone = "phone",
        Website = "website",
        Other = "other",
    }
}

text_enum! {
    /// How a touch happened.
    Channel {
        PublicPost = "public_post",
        DirectMessage = "direct_message",
        Email = "email",
        Letter = "letter",
        Phone = "phone",
        Video = "video",
        InPerson = "in_person",
        Event = "event",
    }
}

text_enum! {
    /// Who reached out: `in` (they wrote or called) or `out` (you did).
    Direction {
        In = "in",
        Out = "out",
    }
}

text_enum! {
    /// What came of a touch.
    Outcome {
        None = "none",
        Replied = "replied",
        CallBooked = "call_booked",
        MeetingBooked = "meeting_booked",
        Referral = "referral",
        BusinessWon = "business_won",
    }
}

text_enum! {
    /// How a list of people is ordered, on the Ladder and in People. Never touched
    /// counts as the longest wait, as the "no touch in N days" filter counts it.
    PeopleOrder {
        Waiting = "waiting",
        Recent = "recent",
        Name = "name",
        FollowUp = "follow_up",
    }
}

text_enum! {
    /// Why a person's rung changed: added to the diary, a touch, or by hand.
    RungCause {
        Added = "added",
        Touch = "touch",
        Manual = "manual",
    }
}

impl Rung {
    /// The rung's name on screen and in exports.
    pub fn label(self) -> &'static str {
        match self {
            Rung::Noticed => "Noticed",
            Rung::Connected => "Connected",
            Rung::Conversing => "Conversing",
            Rung::Spoken => "Spoken",
            Rung::Met => "Met",
            Rung::Working => "Working",
        }
    }
}

impl Channel {
    /// The channel's name in exports.
    pub fn label(self) -> &'static str {
        match self {
            Channel::PublicPost => "Public post",
            Channel::DirectMessage => "Direct message",
            Channel::Email => "Email",
            Channel::Letter => "Letter",
            Channel::Phone => "Phone call",
            Channel::Video => "Video call",
            Channel::InPerson => "In person",
            Channel::Event => "Event",
        }
    }

    /// Written: posts, direct messages, email and letters, the touches before anyone
    /// picks up the phone. What makes a person conversing, what "pick up the phone"
    /// counts, and the week's written share. Every channel is written, voice or face to face.
    pub fn is_written(self) -> bool {
        matches!(self, Channel::PublicPost | Channel::DirectMessage | Channel::Email | Channel::Letter)
    }

    /// Phone and video: you heard each other.
    pub fn is_voice(self) -> bool {
        matches!(self, Channel::Phone | Channel::Video)
    }

    /// In person and events: you met.
    pub fn is_face_to_face(self) -> bool {
        matches!(self, Channel::InPerson | Channel::Event)
    }

    /// Voice or face to face: you spoke, and the count of messages since starts again.
    pub fn is_spoken(self) -> bool {
        self.is_voice() || self.is_face_to_face()
    }
}

text_enum! {
    /// What a follow-up asks you to do.
    FollowUpKind {
        Call = "call",
        Meet = "meet",
        Write = "write",
        Thank = "thank",
        Other = "other",
    }
}

text_enum! {
    /// Where a follow-up stands.
    FollowUpStatus {
        Open = "open",
        Done = "done",
        Snoozed = "snoozed",
        Dropped = "dropped",
    }
}

text_enum! {
    /// What a person's important date marks.
    DateKind {
        Birthday = "birthday",
        WorkAnniversary = "work_anniversary",
        MetOn = "met_on",
        Other = "other",
    }
}

impl DateKind {
    /// The kind's name on screen: "Birthday", "Work anniversary".
    pub fn label(self) -> &'static str {
        match self {
            DateKind::Birthday => "Birthday",
            DateKind::WorkAnniversary => "Work anniversary",
            DateKind::MetOn => "Met on",
            DateKind::Other => "Other",
        }
    }

    /// The kind in a sentence: "Ana Lima's birthday", "the day you met Ana Lima".
    pub fn of(self, name: &str, label: &str) -> String {
        match self {
            DateKind::Birthday => format!("{name}'s birthday"),
            DateKind::WorkAnniversary => format!("{name}'s work anniversary"),
            DateKind::MetOn => format!("The day you met {name}"),
            DateKind::Other => format!("{name}: {label}"),
        }
    }
}

text_enum! {
    /// The kinds of suggestion the diary computes.
    NudgeKind {
        PickUpThePhone = "pick_up_the_phone",
        Cadence = "cadence",
        GoneQuiet = "gone_quiet",
        SayThankYou = "say_thank_you",
        SayHappyBirthday = "say_happy_birthday",
    }
}

impl HandlePlatform {
    /// The platform's name as a column or list heading: "LinkedIn", "Email".
    pub fn name(self) -> &'static str {
        match self {
            HandlePlatform::X => "X",
            HandlePlatform::Linkedin => "LinkedIn",
            HandlePlatform::Facebook => "Facebook",
            HandlePlatform::Instagram => "Instagram",
            HandlePlatform::Email => "Email",
            HandlePlatform::Phone => "Phone",
            HandlePlatform::Website => "Website",
            HandlePlatform::Other => "Other",
        }
    }

    /// The platform's own name, for sentences such as "5 messages on LinkedIn".
    pub fn label(self) -> &'static str {
        match self {
            HandlePlatform::X => "X",
            HandlePlatform::Linkedin => "LinkedIn",
            HandlePlatform::Facebook => "Facebook",
            HandlePlatform::Instagram => "Instagram",
            HandlePlatform::Email => "email",
            HandlePlatform::Phone => "the phone",
            HandlePlatform::Website => "the web",
            HandlePlatform::Other => "another platform",
        }
    }
}

/// `part` as a whole percent of `whole`, half up: the one rounding of every share shown;
/// none of nothing.
pub fn whole_percent(part: u32, whole: u32) -> Option<u32> {
    (whole > 0).then(|| ((u64::from(part) * 200 + u64::from(whole)) / (u64::from(whole) * 2)) as u32)
}

#[cfg(test)]
mod channel_lists;
