//! The window watcher: which window is active and whether the user is at the keyboard,
//! read from the X server (x11rb, no shell-out), handed to the core as samples. The
//! core decides what is a platform and what is a session; the window's title and class
//! never leave this module except through `Diary::window_matches`.
//!
//! Change-driven: the root window's `_NET_ACTIVE_WINDOW` and the active window's title
//! are watched with property notifications, and a heartbeat every few seconds keeps a
//! session's end close to the last activity (a kill loses at most that much).

use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use rapport_core::time::watch::{LogPrompt, Sample};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime};
use x11rb::connection::Connection;
use x11rb::protocol::screensaver::ConnectionExt as _;
use x11rb::protocol::xproto::{AtomEnum, ChangeWindowAttributesAux, ConnectionExt as _, EventMask, Window};
use x11rb::protocol::Event;
use x11rb::rust_connection::RustConnection;

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

/// The X atoms the watcher reads.
struct Atoms {
    active: u32,
    name: u32,
    utf8: u32,
}

/// Starts the watcher, or records why it cannot run on this desktop.
pub fn start<R: Runtime>(app: &AppHandle<R>) {
    let status = app.state::<Watcher>().0.clone();
    let set = |s: WatcherStatus| *status.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = s;
    let wayland = std::env::var("XDG_SESSION_TYPE").is_ok_and(|t| t == "wayland") || std::env::var_os("WAYLAND_DISPLAY").is_some();
    let Ok((conn, screen)) = x11rb::connect(None) else {
        let reason = if wayland {
            "This Wayland desktop does not let apps see the active window. On sway or Hyprland, and on GNOME or KDE with \
             an X11 session, Rapport can measure time by itself; the timer works everywhere."
        } else {
            "No X display answered, so the active window cannot be seen; the timer still works."
        };
        set(WatcherStatus { available: false, reason: Some(reason.into()), last_match: None });
        return;
    };
    let conn = Arc::new(conn);
    let root = conn.setup().roots[screen].root;
    let Some(atoms) = atoms(&conn) else {
        set(WatcherStatus { available: false, reason: Some("The X server did not answer.".into()), last_match: None });
        return;
    };
    let mask = ChangeWindowAttributesAux::new().event_mask(EventMask::PROPERTY_CHANGE);
    if conn.change_window_attributes(root, &mask).is_err() || conn.flush().is_err() {
        set(WatcherStatus { available: false, reason: Some("The X server refused to report window changes.".into()), last_match: None });
        return;
    }
    let reason = wayland.then(|| "On Wayland only windows of X11 apps (XWayland) are seen; a browser running natively is not.".to_owned());
    set(WatcherStatus { available: true, reason, last_match: None });

    let (changed, wake) = mpsc::channel::<()>();
    let events = conn.clone();
    std::thread::Builder::new()
        .name("rapport-watcher-events".into())
        .spawn(move || {
            while let Ok(event) = events.wait_for_event() {
                if matches!(event, Event::PropertyNotify(_)) && changed.send(()).is_err() {
                    return;
                }
            }
        })
        .expect("the watcher's event thread starts");
    let app = app.clone();
    std::thread::Builder::new()
        .name("rapport-watcher".into())
        .spawn(move || {
            let mut watched: Option<Window> = None;
            loop {
                let window = active_window(&conn, root, &atoms);
                if window != watched {
                    // Title changes of the new active window (a browser's tab) notify too.
                    if let Some(w) = window {
                        let _ = conn.change_window_attributes(w, &mask);
                        let _ = conn.flush();
                    }
                    watched = window;
                }
                sample(&app, &conn, root, &atoms, window, &status);
                match wake.recv_timeout(HEARTBEAT) {
                    Ok(()) | Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => return,
                }
                // A burst of changes (typing in a title) is one sample.
                while wake.try_recv().is_ok() {}
            }
        })
        .expect("the watcher thread starts");
}

fn atoms(conn: &RustConnection) -> Option<Atoms> {
    let atom = |name: &[u8]| conn.intern_atom(false, name).ok()?.reply().ok().map(|r| r.atom);
    Some(Atoms { active: atom(b"_NET_ACTIVE_WINDOW")?, name: atom(b"_NET_WM_NAME")?, utf8: atom(b"UTF8_STRING")? })
}

fn active_window(conn: &RustConnection, root: Window, atoms: &Atoms) -> Option<Window> {
    let reply = conn.get_property(false, root, atoms.active, AtomEnum::WINDOW, 0, 1).ok()?.reply().ok()?;
    let window = reply.value32()?.next().filter(|w| *w != 0);
    window
}

/// The window's title (`_NET_WM_NAME`, else `WM_NAME`) and class.
fn title_and_class(conn: &RustConnection, window: Window, atoms: &Atoms) -> (String, String) {
    let text = |property: u32, kind: u32| {
        conn.get_property(false, window, property, kind, 0, 1024).ok().and_then(|c| c.reply().ok()).map(|r| r.value).unwrap_or_default()
    };
    let mut title = text(atoms.name, atoms.utf8);
    if title.is_empty() {
        title = text(AtomEnum::WM_NAME.into(), AtomEnum::STRING.into());
    }
    // WM_CLASS is "instance\0class\0".
    let class = text(AtomEnum::WM_CLASS.into(), AtomEnum::STRING.into());
    let class =
        class.split(|b| *b == 0).filter(|p| !p.is_empty()).map(|p| String::from_utf8_lossy(p).into_owned()).collect::<Vec<_>>().join(" ");
    (String::from_utf8_lossy(&title).into_owned(), class)
}

fn sample<R: Runtime>(
    app: &AppHandle<R>,
    conn: &RustConnection,
    root: Window,
    atoms: &Atoms,
    window: Option<Window>,
    status: &Mutex<WatcherStatus>,
) {
    let now = Utc::now();
    let (title, class) = window.map(|w| title_and_class(conn, w, atoms)).unwrap_or_default();
    let saver = conn.screensaver_query_info(root).ok().and_then(|c| c.reply().ok());
    // State 1 is "on": the screen saver (or the locker it stands for) is showing.
    let locked = saver.as_ref().is_some_and(|s| s.state == 1);
    let idle_ms = saver.as_ref().map_or(0, |s| i64::from(s.ms_since_user_input));
    let idle_since = (idle_ms >= 1000).then(|| now - chrono::Duration::milliseconds(idle_ms));
    let diary_state = app.state::<DiaryState>();
    let Ok(mut diary) = diary_state.diary() else { return };
    let platform = diary.window_matches(&title, &class).ok().flatten();
    if !class.contains("rapport") {
        status.lock().unwrap_or_else(std::sync::PoisonError::into_inner).last_match = Some(platform.clone().unwrap_or_default());
    }
    let update = diary.watch_sample(&Sample { at: now, platform, idle_since, locked, suspended: false });

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
pub fn open_quick_log<R: Runtime>(app: &AppHandle<R>, prompt: &LogPrompt) {
    crate::show_main_window(app);
    let _ = app.emit(OPEN_QUICK_LOG, prompt);
}
