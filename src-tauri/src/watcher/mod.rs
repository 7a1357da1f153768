//! The window watcher: which window is active and whether the user is at the keyboard,
//! read from the display server, handed to the core as samples. The core decides what
//! is a platform and what is a session; the window's title and class never leave this
//! module except through `Diary::window_matches`.
//!
//! Two backends see the desktop: [`x11::X11`] and [`wayland::Wayland`]. Both are
//! change-driven, and a heartbeat every few seconds keeps a session's end close to the
//! last activity (a kill loses at most that much). A Wayland session is watched through
//! Wayland only: XWayland would show X11 apps alone, a silent partial zero.

#[cfg(unix)]
pub mod wayland;
pub mod x11;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use rapport_core::time::watch::{LogPrompt, Sample, WatchUpdate};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::notify::Notifier;
use crate::DiaryState;

/// How often the active window is sampled when nothing changes.
const HEARTBEAT: Duration = Duration::from_secs(5);
/// How often the window hears of a watched session that only grew.
const ANNOUNCE_GROWTH_EVERY: Duration = Duration::from_secs(60);
/// The Wayland protocol that says which window is active, as compositors name it.
pub const FOREIGN_TOPLEVEL: &str = "wlr-foreign-toplevel-management";
/// The Wayland protocol that says when the user is idle.
pub const IDLE_NOTIFY: &str = "ext-idle-notify";
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
    /// The compositor does not offer a protocol the watcher needs (its name).
    Lacks(&'static str),
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

    fn is(&self, name: &str) -> bool {
        self.desktop.split(':').any(|d| d.eq_ignore_ascii_case(name))
    }

    /// What Settings says when the watcher cannot run here.
    pub fn reason(&self, why: Unavailable) -> String {
        let timer = "the timer works as always.";
        match why {
            Unavailable::Refused(sentence) => format!("{sentence} The active window cannot be seen; {timer}"),
            Unavailable::NoDisplay if self.wayland => {
                format!("The Wayland display did not answer, so the active window cannot be seen; {timer}")
            }
            Unavailable::NoDisplay => format!("No X display answered, so the active window cannot be seen; {timer}"),
            Unavailable::Lacks(FOREIGN_TOPLEVEL) if self.is("GNOME") => format!(
                "GNOME on Wayland does not let apps see the active window. Log in with “GNOME on Xorg” for Rapport to measure \
                 time by itself; {timer}"
            ),
            Unavailable::Lacks(FOREIGN_TOPLEVEL) if self.is("KDE") => format!(
                "KDE Plasma on Wayland does not let apps see the active window. Log in with “Plasma (X11)” for Rapport to \
                 measure time by itself; {timer}"
            ),
            Unavailable::Lacks(protocol) => {
                let desktop = match self.desktop.as_str() {
                    "" => "This Wayland desktop".to_owned(),
                    name => format!("This Wayland desktop ({name})"),
                };
                let what = if protocol == FOREIGN_TOPLEVEL { "see the active window" } else { "tell when you are away" };
                format!(
                    "{desktop} does not offer {protocol}, which Rapport needs to {what}. Rapport measures time by itself where \
                     {FOREIGN_TOPLEVEL} and {IDLE_NOTIFY} are offered (sway, Hyprland and other wlroots desktops) and on X11; \
                     {timer}"
                )
            }
        }
    }
}

/// The backend for this session: Wayland's on a Wayland session (never XWayland), else X11's.
pub fn connect(session: &Session, idle_after: Duration) -> Result<Box<dyn Backend>, Unavailable> {
    #[cfg(unix)]
    if session.wayland {
        return Ok(Box::new(wayland::Wayland::connect(idle_after)?));
    }
    #[cfg(not(unix))]
    let _ = (session, idle_after);
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
    set(WatcherStatus { available: true, reason: None, last_match: None });

    let app = app.clone();
    let mut announced = Announced::default();
    std::thread::Builder::new()
        .name("rapport-watcher".into())
        .spawn(move || loop {
            if let Some(after) = idle_setting(&app) {
                backend.set_idle_after(after);
            }
            sample(&app, backend.seen(), &status, &mut announced);
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

/// When the window was last told of watched time: a session that grows by a few seconds
/// does not repaint the screen at every sample.
#[derive(Default)]
struct Announced {
    at: Option<Instant>,
    open_session_id: Option<i64>,
}

impl Announced {
    /// Whether this update is worth telling the window of: a session stored, ended or
    /// gone at once, a session that only grew at most once a minute. An ending is told
    /// even when it wrote nothing, since growth written since the last telling is unseen.
    fn due(&mut self, update: &WatchUpdate) -> bool {
        let ended = update.ended.is_some();
        let new_row = update.open_session_id != self.open_session_id;
        self.open_session_id = update.open_session_id;
        let stale = self.at.is_none_or(|at| at.elapsed() >= ANNOUNCE_GROWTH_EVERY);
        let due = ended || (update.changed && (new_row || stale));
        if due {
            self.at = Some(Instant::now());
        }
        due
    }
}

fn sample<R: Runtime>(app: &AppHandle<R>, seen: Seen, status: &Mutex<WatcherStatus>, announced: &mut Announced) {
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
            if announced.due(&update) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn session(wayland_display: Option<&str>, session_type: Option<&str>, desktop: &str) -> Session {
        Session::new(wayland_display, session_type, Some(desktop))
    }

    fn stored(id: i64) -> rapport_core::time::Session {
        let at = Utc::now();
        rapport_core::time::Session {
            id,
            platform: "linkedin".into(),
            started_at: at,
            ended_at: Some(at),
            source: "watched".into(),
            note: String::new(),
        }
    }

    #[test]
    fn growth_is_told_once_a_minute_and_a_new_or_ended_session_at_once() {
        let mut announced = Announced::default();
        let grew = |id| WatchUpdate { open_session_id: Some(id), changed: true, ..WatchUpdate::default() };
        assert!(announced.due(&grew(1)), "a session stored is told at once");
        assert!(!announced.due(&grew(1)), "its growth waits for the minute");
        assert!(!announced.due(&WatchUpdate { open_session_id: Some(1), ..WatchUpdate::default() }), "nothing written");
        assert!(announced.due(&grew(2)), "another session is told at once");
        // The session ends with its end already written: the growth since the last
        // telling must still reach the window.
        assert!(announced.due(&WatchUpdate { ended: Some(stored(2)), ..WatchUpdate::default() }));
        announced.at = Some(Instant::now() - ANNOUNCE_GROWTH_EVERY);
        assert!(announced.due(&grew(3)) && !announced.due(&grew(3)));
        announced.at = Some(Instant::now() - ANNOUNCE_GROWTH_EVERY);
        assert!(announced.due(&grew(3)), "a minute on, growth is told again");
    }

    #[test]
    fn a_wayland_session_is_watched_through_wayland_and_an_x11_one_through_x11() {
        assert!(session(Some("wayland-0"), None, "sway").wayland);
        assert!(session(None, Some("wayland"), "GNOME").wayland, "the session type alone says Wayland");
        assert!(!session(None, Some("x11"), "GNOME").wayland);
        assert!(!session(Some(""), Some("x11"), "XFCE").wayland, "an empty WAYLAND_DISPLAY is no display");
        assert!(!Session::new(None, None, None).wayland);
    }

    #[test]
    fn gnome_and_kde_on_wayland_say_which_session_to_log_in_with() {
        let lacks = Unavailable::Lacks(FOREIGN_TOPLEVEL);
        for desktop in ["GNOME", "ubuntu:GNOME", "GNOME-Classic:GNOME"] {
            assert_eq!(
                session(Some("wayland-0"), Some("wayland"), desktop).reason(lacks),
                "GNOME on Wayland does not let apps see the active window. Log in with “GNOME on Xorg” for Rapport to measure \
                 time by itself; the timer works as always.",
                "{desktop}"
            );
        }
        assert_eq!(
            session(Some("wayland-0"), Some("wayland"), "KDE").reason(lacks),
            "KDE Plasma on Wayland does not let apps see the active window. Log in with “Plasma (X11)” for Rapport to \
             measure time by itself; the timer works as always."
        );
    }

    #[test]
    fn another_wayland_desktop_is_named_with_the_two_protocols() {
        let reason = session(Some("wayland-0"), None, "Weston").reason(Unavailable::Lacks(FOREIGN_TOPLEVEL));
        assert_eq!(
            reason,
            "This Wayland desktop (Weston) does not offer wlr-foreign-toplevel-management, which Rapport needs to see the \
             active window. Rapport measures time by itself where wlr-foreign-toplevel-management and ext-idle-notify are \
             offered (sway, Hyprland and other wlroots desktops) and on X11; the timer works as always."
        );
        let reason = session(Some("wayland-0"), None, "").reason(Unavailable::Lacks(IDLE_NOTIFY));
        assert!(
            reason.starts_with("This Wayland desktop does not offer ext-idle-notify, which Rapport needs to tell when you are away."),
            "{reason}"
        );
        // Idle missing on GNOME is not the active window missing: the plain sentence.
        let reason = session(Some("wayland-0"), None, "GNOME").reason(Unavailable::Lacks(IDLE_NOTIFY));
        assert!(reason.starts_with("This Wayland desktop (GNOME) does not offer ext-idle-notify"), "{reason}");
    }

    #[test]
    fn no_display_says_which_one_and_that_the_timer_works() {
        assert_eq!(
            session(Some("wayland-1"), None, "sway").reason(Unavailable::NoDisplay),
            "The Wayland display did not answer, so the active window cannot be seen; the timer works as always."
        );
        assert_eq!(
            Session::default().reason(Unavailable::NoDisplay),
            "No X display answered, so the active window cannot be seen; the timer works as always."
        );
    }
}
