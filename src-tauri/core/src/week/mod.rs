//! The week in review: its figures, the user's reflection, and the week as Markdown.

pub(crate) mod markdown;
pub(crate) mod reflection;
pub(crate) mod review;

pub use reflection::{Answer, Intention, Reflection};
pub use review::{
    ChannelCount, FollowUpWeek, LadderMove, LadderWeek, Money, Outcomes, RungCount, TouchMix, WeekReview, WeekTrend, MOVES_SHOWN,
    TREND_WEEKS,
};
