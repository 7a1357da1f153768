//! What the Time screen shows at once, assembled here like Today and the Week.

use serde::Serialize;

use crate::storage::diary::Diary;
use crate::storage::error::Result;
use crate::time::budgets::{BudgetStatus, PlatformYield, WeekMinutes};
use crate::time::sessions::{Platform, RunningTimer, Session};

/// Weeks of minutes the Time screen's trend shows, this one last.
pub const TIME_TREND_WEEKS: u32 = 9;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeView {
    pub platforms: Vec<Platform>,
    pub running: Option<RunningTimer>,
    pub budget: BudgetStatus,
    /// This week's sessions.
    pub sessions: Vec<Session>,
    /// What this week's time bought, per platform.
    pub yields: Vec<PlatformYield>,
    pub trend: Vec<WeekMinutes>,
}

/// The running timer as the sidebar shows it on every screen, with its platform's name:
/// read on its own, since the sidebar follows every change of the diary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimerShown {
    #[serde(flatten)]
    pub running: RunningTimer,
    pub label: String,
}

impl Diary {
    /// The running timer and its platform's name; none while no timer runs.
    pub fn timer_shown(&self) -> Result<Option<TimerShown>> {
        let Some(running) = self.running_timer()? else { return Ok(None) };
        let key = &running.session.platform;
        let label = self.platforms()?.into_iter().find(|p| &p.key == key).map_or_else(|| key.clone(), |p| p.label);
        Ok(Some(TimerShown { running, label }))
    }

    /// This week's time: the timer, budgets, sessions, yield and the last nine weeks.
    pub fn time_view(&self) -> Result<TimeView> {
        let budget = self.budget_status()?;
        Ok(TimeView {
            platforms: self.platforms()?,
            running: self.running_timer()?,
            sessions: self.sessions(budget.from, budget.until)?,
            yields: self.time_yield(budget.from, budget.until)?,
            trend: self.weekly_minutes(TIME_TREND_WEEKS)?,
            budget,
        })
    }
}
