//! The agenda: follow-ups, the nudges the diary computes, reminders, dates coming, and Today.

pub(crate) mod bulk;
mod date_reminders;
pub(crate) mod follow_ups;
pub(crate) mod nudges;
pub(crate) mod reminders;
pub(crate) mod today;
pub(crate) mod upcoming;

pub use bulk::{BulkChange, BulkUndone, FollowUpBefore};
pub use follow_ups::{Agenda, FollowUp, FollowUpInput, Snooze, SnoozeChoice, OVERDUE_SHOWN};
pub use nudges::{Nudge, NudgeAction, NUDGES_PER_KIND};
pub use reminders::Reminder;
pub use today::{late_text, DropChoice, Overdue, OverdueGroup, Today, TodayRow, DATES_AHEAD, GROUP_SHOWN, NUDGES_FIRST};
pub use upcoming::UpcomingDate;
