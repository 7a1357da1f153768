//! The vocabulary as the window shows it: each term's label, in the order a person picks
//! from, with what the window needs to know of it (a written channel, a timed one, the
//! verb of a follow-up). The window loads this once instead of keeping its own copy.

use serde::Serialize;

use crate::clock::days::MONTHS;
use crate::vocab::{Channel, DateKind, FollowUpKind, HandlePlatform, Outcome, PeopleOrder, Rung};

/// A term and its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    pub key: &'static str,
    pub label: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChannelTerm {
    pub key: &'static str,
    pub label: &'static str,
    pub written: bool,
    /// A call or a meeting: its minutes mean something.
    pub timed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowUpKindTerm {
    pub key: &'static str,
    pub label: &'static str,
    /// What a title starts with: "Write to Ana Lima".
    pub verb: &'static str,
    /// The channel that doing it most likely means, for logging it when done.
    pub channel: Channel,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlatformTerm {
    pub key: &'static str,
    pub label: &'static str,
    /// The rung a handle there suggests for someone new: a LinkedIn or Facebook handle
    /// usually means you are connected.
    pub suggests: Option<Rung>,
}

/// Every term the window shows, in menu order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Vocabulary {
    pub rungs: Vec<Term>,
    pub channels: Vec<ChannelTerm>,
    pub handle_platforms: Vec<PlatformTerm>,
    pub outcomes: Vec<Term>,
    pub follow_up_kinds: Vec<FollowUpKindTerm>,
    /// The orders the People list can take.
    pub people_orders: Vec<Term>,
    /// The orders the Ladder's columns can take.
    pub board_orders: Vec<Term>,
    /// What a person's important date can mark.
    pub date_kinds: Vec<Term>,
    /// The months' names, January first, for a date's month menu.
    pub months: Vec<&'static str>,
}

/// Channels as a person picks one: the usual first.
const CHANNEL_MENU: [Channel; 8] = [
    Channel::DirectMessage,
    Channel::PublicPost,
    Channel::Email,
    Channel::Letter,
    Channel::Phone,
    Channel::Video,
    Channel::InPerson,
    Channel::Event,
];

/// Platforms as a person picks one: where business is done first.
const PLATFORM_MENU: [HandlePlatform; 8] = [
    HandlePlatform::Linkedin,
    HandlePlatform::X,
    HandlePlatform::Facebook,
    HandlePlatform::Instagram,
    HandlePlatform::Email,
    HandlePlatform::Phone,
    HandlePlatform::Website,
    HandlePlatform::Other,
];

pub fn vocabulary() -> Vocabulary {
    Vocabulary {
        rungs: Rung::ALL.iter().map(|r| Term { key: r.as_str(), label: r.label() }).collect(),
        channels: CHANNEL_MENU
            .iter()
            .map(|c| ChannelTerm { key: c.as_str(), label: c.label(), written: c.is_written(), timed: c.is_spoken() })
            .collect(),
        handle_platforms: PLATFORM_MENU
            .iter()
            .map(|p| PlatformTerm { key: p.as_str(), label: p.name(), suggests: p.suggested_rung() })
            .collect(),
        outcomes: Outcome::ALL.iter().map(|o| Term { key: o.as_str(), label: o.label() }).collect(),
        follow_up_kinds: FollowUpKind::ALL
            .iter()
            .map(|k| FollowUpKindTerm { key: k.as_str(), label: k.label(), verb: k.verb(), channel: k.channel() })
            .collect(),
        people_orders: PeopleOrder::ALL.iter().map(|o| Term { key: o.as_str(), label: o.label() }).collect(),
        board_orders: PeopleOrder::ALL.iter().filter(|o| o.on_board()).map(|o| Term { key: o.as_str(), label: o.label() }).collect(),
        date_kinds: DateKind::ALL.iter().map(|k| Term { key: k.as_str(), label: k.label() }).collect(),
        months: MONTHS.to_vec(),
    }
}

impl PeopleOrder {
    pub fn label(self) -> &'static str {
        match self {
            PeopleOrder::Waiting => "Longest waiting first",
            PeopleOrder::Recent => "Last touched first",
            PeopleOrder::Name => "By name",
            PeopleOrder::FollowUp => "Next follow-up first",
        }
    }

    /// The Ladder reads its columns from the board's index: by follow-up it cannot, and
    /// Today already lists what is due.
    pub fn on_board(self) -> bool {
        self != PeopleOrder::FollowUp
    }
}

impl HandlePlatform {
    /// The rung a handle here suggests for someone new.
    pub fn suggested_rung(self) -> Option<Rung> {
        matches!(self, HandlePlatform::Linkedin | HandlePlatform::Facebook).then_some(Rung::Connected)
    }
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::None => "No outcome yet",
            Outcome::Replied => "Replied",
            Outcome::CallBooked => "Call booked",
            Outcome::MeetingBooked => "Meeting booked",
            Outcome::Referral => "Referral",
            Outcome::BusinessWon => "Business won",
        }
    }
}

impl FollowUpKind {
    pub fn label(self) -> &'static str {
        match self {
            FollowUpKind::Call => "Call",
            FollowUpKind::Meet => "Meet",
            FollowUpKind::Write => "Write",
            FollowUpKind::Thank => "Thank",
            FollowUpKind::Other => "Other",
        }
    }

    /// How a follow-up's title starts: "Call", "Write to", "Follow up with".
    pub fn verb(self) -> &'static str {
        match self {
            FollowUpKind::Call => "Call",
            FollowUpKind::Meet => "Meet",
            FollowUpKind::Write => "Write to",
            FollowUpKind::Thank => "Thank",
            FollowUpKind::Other => "Follow up with",
        }
    }

    /// The channel doing it most likely means.
    pub fn channel(self) -> Channel {
        match self {
            FollowUpKind::Call => Channel::Phone,
            FollowUpKind::Meet => Channel::InPerson,
            FollowUpKind::Write | FollowUpKind::Thank | FollowUpKind::Other => Channel::DirectMessage,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_menus_hold_every_term_once() {
        let v = vocabulary();
        let keys = |terms: Vec<&'static str>| {
            let mut sorted = terms.clone();
            sorted.sort_unstable();
            sorted.dedup();
            (terms.len(), sorted.len())
        };
        assert_eq!(keys(v.channels.iter().map(|c| c.key).collect()), (Channel::ALL.len(), Channel::ALL.len()));
        assert_eq!(keys(v.handle_platforms.iter().map(|p| p.key).collect()), (HandlePlatform::ALL.len(), HandlePlatform::ALL.len()));
    }
}
