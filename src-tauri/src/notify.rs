//! Native notifications through notify-rust, with Done / Snooze 1 h / Open where the
//! server offers actions. Every reminder also goes to the window, so nothing is lost
//! when no notification server answers.

use std::path::PathBuf;
use std::sync::Mutex;

use notify_rust::Notification;
use rapport_core::agenda::{Reminder, Snooze};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::DiaryState;

/// The event the window shows a reminder from.
pub const REMINDER: &str = "reminder";
/// The event that asks the window to open a person.
pub const OPEN_PERSON: &str = "open-person";
/// The event that asks the window to open a week in review (its first day).
pub const OPEN_WEEK: &str = "open-week";
/// The event the window shows a watched session's "who did you talk to?" from.
pub const LOG_PROMPT: &str = "log-prompt";

/// Whether the last notification reached a server, and why not if it did not.
#[derive(Debug, Default, Clone, Serialize)]
pub struct NotificationStatus {
    pub available: bool,
    pub reason: Option<String>,
}

pub struct Notifier {
    status: Mutex<NotificationStatus>,
    icon: Option<PathBuf>,
    actions: bool,
}

impl Notifier {
    /// Asks the notification server what it can do; `icon` is the app icon's file.
    pub fn new(icon: Option<PathBuf>) -> Notifier {
        let (actions, status) = match notify_rust::get_capabilities() {
            Ok(caps) => (caps.iter().any(|c| c == "actions"), NotificationStatus { available: true, reason: None }),
            Err(e) => (false, unavailable(&e)),
        };
        Notifier { status: Mutex::new(status), icon, actions }
    }

    pub fn status(&self) -> NotificationStatus {
        self.status.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Shows `reminder` in the window and as a native notification.
    pub fn deliver<R: Runtime>(&self, app: &AppHandle<R>, reminder: &Reminder) {
        let _ = app.emit(REMINDER, reminder);
        let mut note = Notification::new();
        note.appname("Rapport").summary(&reminder.summary).body(&reminder.body);
        if let Some(icon) = self.icon.as_ref().and_then(|p| p.to_str()) {
            note.icon(icon);
        }
        if self.actions {
            if reminder.follow_up_id.is_some() {
                note.action("done", "Done").action("snooze", "Snooze 1 h");
            }
            note.action("default", "Open");
        }
        let shown = note.show();
        let mut status = self.status.lock().unwrap_or_else(|p| p.into_inner());
        match shown {
            Ok(handle) => {
                *status = NotificationStatus { available: true, reason: None };
                if self.actions {
                    let (app, reminder) = (app.clone(), reminder.clone());
                    // wait_for_action blocks until the notification closes.
                    std::thread::spawn(move || handle.wait_for_action(|action| act(&app, &reminder, action)));
                }
            }
            Err(e) => {
                *status = unavailable(&e);
                eprintln!("rapport: {}; the reminder is shown in the window instead", status.reason.as_deref().unwrap_or_default());
            }
        }
    }
}

impl Notifier {
    /// Asks who a watched session was spent with, in the window and as a notification
    /// whose action opens the quick log on that platform.
    pub fn prompt<R: Runtime>(&self, app: &AppHandle<R>, prompt: &rapport_core::time::watch::LogPrompt) {
        let _ = app.emit(LOG_PROMPT, prompt);
        let mut note = Notification::new();
        let names: Vec<&str> = prompt.people.iter().take(3).map(|p| p.display_name.as_str()).collect();
        let body = if names.is_empty() {
            "Log the touch while you remember it.".to_owned()
        } else {
            format!("Lately there: {}.", names.join(", "))
        };
        note.appname("Rapport").summary(&prompt.summary).body(&body);
        if let Some(icon) = self.icon.as_ref().and_then(|p| p.to_str()) {
            note.icon(icon);
        }
        if self.actions {
            note.action("default", "Log a touch");
        }
        match note.show() {
            Ok(handle) if self.actions => {
                let (app, prompt) = (app.clone(), prompt.clone());
                std::thread::spawn(move || {
                    handle.wait_for_action(|action| {
                        if action == "default" {
                            crate::watcher::open_quick_log(&app, &prompt);
                        }
                    })
                });
            }
            Ok(_) => {}
            Err(e) => *self.status.lock().unwrap_or_else(|p| p.into_inner()) = unavailable(&e),
        }
    }
}

fn unavailable(e: &notify_rust::error::Error) -> NotificationStatus {
    NotificationStatus { available: false, reason: Some(format!("no notification server answered ({e})")) }
}

/// What the user chose on a notification.
fn act<R: Runtime>(app: &AppHandle<R>, reminder: &Reminder, action: &str) {
    let state = app.state::<DiaryState>();
    let result = match (action, reminder.follow_up_id) {
        ("done", Some(id)) => state.diary().and_then(|mut d| d.complete_follow_up(id, None)).map(drop),
        ("snooze", Some(id)) => state.diary().and_then(|mut d| d.snooze_follow_up(id, Snooze::Hour)).map(drop),
        ("default", _) => {
            crate::show_main_window(app);
            if let Some(person) = reminder.person_id {
                let _ = app.emit(OPEN_PERSON, person);
            }
            if let Some(week) = reminder.week_start {
                let _ = app.emit(OPEN_WEEK, week);
            }
            return;
        }
        _ => return,
    };
    match result {
        Ok(()) => crate::commands::announce_change(app),
        Err(e) => eprintln!("rapport: the notification's {action} failed: {e}"),
    }
}
