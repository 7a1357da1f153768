//! Time spent on social media: sessions and the timer, budgets, and what the time yielded.

pub(crate) mod budgets;
pub(crate) mod sessions;

pub use budgets::{BudgetStatus, BudgetUse, PlatformYield, WeekMinutes, ALL as ALL_PLATFORMS};
pub use sessions::{LongTimer, Platform, RunningTimer, Session, SessionInput};
