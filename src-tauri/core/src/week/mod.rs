//! The week in review: its figures, the user's reflection, and the week as Markdown.

pub(crate) mod ladder;
pub(crate) mod markdown;
pub(crate) mod reflection;
pub(crate) mod review;

pub use ladder::{LadderMove, LadderWeek, RungCount};
pub use reflection::{Answer, Intention, IntentionFollowUp, NamedPerson, PersonPick, Reflection};
pub use review::{ChannelCount, FirstCallCost, FollowUpWeek, Money, Outcomes, TouchMix, WeekReview, WeekTrend, MOVES_SHOWN, TREND_WEEKS};
