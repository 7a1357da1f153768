//! One small page object per screen (and per dialog), with what a user does there in their
//! words. Each borrows the running app; the journeys read as steps, the selectors live here.

mod diary;
mod duplicates;
mod import;
mod ladder;
mod people;
mod person;
mod quick_log;
mod settings;
mod time;
mod today;
mod unopened;
mod week;

pub use diary::Diary;
pub use duplicates::Duplicates;
pub use import::{ArchiveDialog, ImportDialog};
pub use ladder::Ladder;
pub use people::{People, PersonForm};
pub use person::{FollowUpForm, PersonPage};
pub use quick_log::QuickLog;
pub use settings::Settings;
pub use time::{SidebarTimer, Time};
pub use today::{NudgeRef, Today};
pub use unopened::DiaryError;
pub use week::Week;

use crate::App;

/// Opening a screen from the navigation.
impl App {
    pub async fn open_today(&self) -> Today<'_> {
        self.go_to("today").await;
        Today { app: self }
    }

    pub async fn open_people(&self) -> People<'_> {
        self.go_to("people").await;
        People { app: self }
    }

    /// The duplicates review, opened from People's "Duplicates…" as a user would.
    pub async fn open_duplicates(&self) -> Duplicates<'_> {
        self.go_to("people").await;
        self.click(&crate::tid("people-duplicates")).await;
        self.wait_until_shown("#duplicates").await;
        Duplicates { app: self }
    }

    pub async fn open_ladder(&self) -> Ladder<'_> {
        self.go_to("ladder").await;
        Ladder { app: self }
    }

    pub async fn open_diary(&self) -> Diary<'_> {
        self.go_to("diary").await;
        Diary { app: self }
    }

    pub async fn open_time(&self) -> Time<'_> {
        self.go_to("time").await;
        Time { app: self }
    }

    /// The Week screen, once its figures are there.
    pub async fn open_week(&self) -> Week<'_> {
        self.go_to("week").await;
        let week = Week { app: self };
        week.wait_until_shown().await;
        week
    }

    pub async fn open_settings(&self) -> Settings<'_> {
        self.go_to("settings").await;
        Settings { app: self }
    }

    /// The page of the person with `id`, opened by its address.
    pub async fn open_person(&self, id: i64) -> PersonPage<'_> {
        self.go_to_hash(&format!("#people/{id}")).await;
        PersonPage { app: self }
    }

    /// The Week screen wherever the window went by itself (a notification opened it).
    pub fn week(&self) -> Week<'_> {
        Week { app: self }
    }

    /// The screen shown instead of the diary when its file cannot be opened.
    pub fn diary_error(&self) -> DiaryError<'_> {
        DiaryError { app: self }
    }

    /// The running timer in the sidebar, whichever screen is open.
    pub fn sidebar_timer(&self) -> SidebarTimer<'_> {
        SidebarTimer { app: self }
    }

    /// Ctrl+T from wherever the window is: the timer starts or stops.
    pub async fn toggle_timer_by_keyboard(&self) {
        use fantoccini::key::Key;
        let body = self.wait_for("body").await;
        body.send_keys(&format!("{}t{}", char::from(Key::Control), char::from(Key::Control))).await.unwrap();
    }

    /// Ctrl+L from wherever the window is: quick-log opens.
    /// The quick log wherever it opened by itself (the global shortcut opened it).
    pub async fn quick_log(&self) -> QuickLog<'_> {
        self.wait_for(&crate::tid("quick-log")).await;
        QuickLog { app: self }
    }

    pub async fn open_quick_log_by_keyboard(&self) -> QuickLog<'_> {
        use fantoccini::key::Key;
        let body = self.wait_for("body").await;
        body.send_keys(&format!("{}l{}", char::from(Key::Control), char::from(Key::Control))).await.unwrap();
        QuickLog { app: self }
    }
}
