//! Time spent on social media: sessions and the timer, budgets, and what the time yielded.

pub(crate) mod budgets;
pub(crate) mod sessions;
pub(crate) mod view;
pub mod watch;

pub use budgets::{BudgetLevel, BudgetStatus, BudgetUse, PlatformYield, WeekMinutes, ALL as ALL_PLATFORMS, WARNING_PERCENTS};
pub use sessions::{LongTimer, Platform, RunningTimer, Session, SessionInput};
pub use view::{TimeView, TimerShown, TIME_TREND_WEEKS};
