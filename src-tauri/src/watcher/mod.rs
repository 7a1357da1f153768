//! The window watcher: which window is active and whether the user is at the keyboard,
//! read from the display server, handed to the core as samples. The core decides what
//! is a platform and what is a session; the window's title and class never leave this
//! module except through `Diary::window_matches`.
//!
//! The backend, [`x11::X11`], is change-driven, and a heartbeat every few seconds keeps a
//! session's end close to the last activity (a kill loses at most that much).

pub mod x11;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rapport_core::time::watch::{LogPrompt, Sample};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::notify::Notifier;
use crate::DiaryState;

/// How often the active window is sampled when nothing changes.
const HEARTBEAT: Duration = Duration::from_secs(5);
/// The event that opens the quick log on a prompt's platform and people.
pub const OPEN_QUICK_LOG: &str = "open-quick-log";

/// What Settings says of the watcher.
#[derive(Debug, Clone, Default, Serialize)]
pub struct WatcherStatus {
    /// The watcher sees the active window.
    pub available: bool,
    /// Why not, and what would make it work.
    pub reason: Option<String>,
    /// The platform the last window other than Rapport's matched ("" for none), for
    /// Settings' "what the current window matches" line.
    pub last_match: Option<String>,
}

#[derive(Default)]
pub struct Watcher(pub Arc<Mutex<WatcherStatus>>);

impl Watcher {
    pub fn status(&self) -> WatcherStatus {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }
}

/// What a backend sees at one instant.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Seen {
    /// The active window's title ("" for none).
    pub title: String,
    /// Its application: WM_CLASS on X11, the app id on Wayland.
    pub class: String,
    /// The last input, when it was a while ago; `None` for input just now.
    pub idle_since: Option<DateTime<Utc>>,
    pub locked: bool,
}

/// The display connection closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gone;

/// Why a backend cannot watch this desktop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unavailable {
    /// No display server answered.
    NoDisplay,
    /// The display answered but refused; the sentence says how.
    Refused(&'static str),
}

/// One way of seeing the desktop; needs no Tauri, so a test can drive it directly.
pub trait Backend: Send {
    /// The active window and the user's input now.
    fn seen(&mut self) -> Seen;
    /// Blocks until the active window, its title or idleness changes, or `timeout` passes.
    fn wait(&mut self, timeout: Duration) -> Result<(), Gone>;
    /// How long without input counts as idle (the user's setting).
    fn set_idle_after(&mut self, after: Duration);
}

/// The desktop session, from the environment: which backend to try and what to name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Session {
    pub wayland: bool,
    /// `XDG_CURRENT_DESKTOP`, e.g. "GNOME", "ubuntu:GNOME", "KDE", "sway".
    pub desktop: String,
}

impl Session {
    pub fn from_env() -> Self {
        let var = |name| std::env::var(name).ok();
        Session::new(var("WAYLAND_DISPLAY").as_deref(), var("XDG_SESSION_TYPE").as_deref(), var("XDG_CURRENT_DESKTOP").as_deref())
    }

    pub fn new(wayland_display: Option<&str>, session_type: Option<&str>, current_desktop: Option<&str>) -> Self {
        let wayland = wayland_display.is_some_and(|d| !d.is_empty()) || session_type == Some("wayland");
        Session { wayland, desktop: current_desktop.unwrap_or_default().to_owned() }
    }

    /// What Settings says when the watcher cannot run here.
    pub fn reason(&self, why: Unavailable) -> String {
        let timer = "the timer works as always.";
        match why {
            Unavailable::Refused(sentence) => format!("{sentence} The active window cannot be seen; {timer}"),
            Unavailable::NoDisplay if self.wayland => format!(
                "This Wayland desktop does not let apps see the active window. On sway or Hyprland, and on GNOME or KDE \
                 with an X11 session, Rapport can measure time by itself; {timer}"
            ),
            Unavailable::NoDisplay => format!("No X display answered, so the active window cannot be seen; {timer}"),
        }
    }
}

/// The backend for this session.
pub fn connect(_session: &Session, _idle_after: Duration) -> Result<Box<dyn Backend>, Unavailable> {
    Ok(Box::new(x11::X11::connect()?))
}

/// Starts the watcher, or records why it cannot run on this desktop.
pub(crate) fn start<R: Runtime>(app: &AppHandle<R>) {
    let status = app.state::<Watcher>().0.clone();
    let set = |s: WatcherStatus| *status.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = s;
    let session = Session::from_env();
    let idle_after = idle_setting(app).unwrap_or(Duration::from_secs(180));
    let mut backend = match connect(&session, idle_after) {
        Ok(backend) => backend,
        Err(why) => {
            set(WatcherStatus { available: false, reason: Some(session.reason(why)), last_match: None });
            return;
        }
    };
    let reason =
        session.wayland.then(|| "On Wayland only windows of X11 apps (XWayland) are seen; a browser running natively is not.".to_owned());
    set(WatcherStatus { available: true, reason, last_match: None });

    let app = app.clone();
    std::thread::Builder::new()
        .name("rapport-watcher".into())
        .spawn(move || loop {
            if let Some(after) = idle_setting(&app) {
                backend.set_idle_after(after);
            }
            sample(&app, backend.seen(), &status);
            if backend.wait(HEARTBEAT).is_err() {
                let reason = session.reason(Unavailable::NoDisplay);
                *status.lock().unwrap_or_else(std::sync::PoisonError::into_inner) =
                    WatcherStatus { available: false, reason: Some(reason), last_match: None };
                return;
            }
        })
        .expect("the watcher thread starts");
}

/// The user's idle setting.
fn idle_setting<R: Runtime>(app: &AppHandle<R>) -> Option<Duration> {
    let minutes = app.state::<DiaryState>().diary().ok()?.settings().ok()?.idle_minutes;
    Some(Duration::from_secs(u64::from(minutes) * 60))
}

fn sample<R: Runtime>(app: &AppHandle<R>, seen: Seen, status: &Mutex<WatcherStatus>) {
    let Seen { title, class, idle_since, locked } = seen;
    let diary_state = app.state::<DiaryState>();
    let Ok(mut diary) = diary_state.diary() else { return };
    let platform = diary.window_matches(&title, &class).ok().flatten();
    if !class.to_lowercase().contains("rapport") {
        status.lock().unwrap_or_else(std::sync::PoisonError::into_inner).last_match = Some(platform.clone().unwrap_or_default());
    }
    let update = diary.watch_sample(&Sample { at: Utc::now(), platform, idle_since, locked, suspended: false });

    drop(diary);
    match update {
        Ok(update) => {
            let notifier = app.state::<Notifier>();
            for warning in &update.warnings {
                notifier.deliver(app, warning);
            }
            if let Some(prompt) = &update.prompt {
                notifier.prompt(app, prompt);
            }
            if update.changed {
                crate::commands::announce_change(app);
            }
        }
        Err(e) => eprintln!("rapport: watched time could not be written: {e}"),
    }
}

/// Asks the window to open the quick log for a prompt.
pub(crate) fn open_quick_log<R: Runtime>(app: &AppHandle<R>, prompt: &LogPrompt) {
    crate::show_main_window(app);
    let _ = app.emit(OPEN_QUICK_LOG, prompt);
}
