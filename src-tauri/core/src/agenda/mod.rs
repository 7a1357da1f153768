//! The agenda: follow-ups, the nudges the diary computes, reminders, and Today.

pub(crate) mod follow_ups;
pub(crate) mod nudges;
pub(crate) mod reminders;

pub use follow_ups::{Agenda, FollowUp, FollowUpInput, Snooze, SnoozeChoice, OVERDUE_SHOWN};
pub use nudges::{Nudge, Today, NUDGES_PER_KIND};
pub use reminders::Reminder;
