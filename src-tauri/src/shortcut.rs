//! The quick log from anywhere: a global shortcut the user sets (none until then) opens
//! the quick log over whatever they are doing, even with the window hidden in the tray,
//! and once it closes hands the desktop back as it was: the window hidden again, or the
//! window they were in focused again.
//!
//! X11 lets a program take a key combination for the whole desktop; Wayland compositors
//! keep that to themselves, so there Settings says so, and a desktop's own shortcut can
//! run `rapport --quick-log` instead (the running Rapport opens the log).

use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tauri_plugin_global_shortcut::{GlobalShortcutExt, Shortcut, ShortcutState};
use x11rb::connection::Connection;
use x11rb::protocol::xproto::{AtomEnum, ClientMessageEvent, ConnectionExt, EventMask, Window};
use x11rb::rust_connection::RustConnection;

use rapport_core::Error;

use crate::watcher::Session;
use crate::DiaryState;

/// The argument that opens the quick log in the running Rapport.
pub const QUICK_LOG: &str = "--quick-log";
/// Tells the window to open the quick log for the shortcut; it answers `quick_log_done`.
pub const QUICK_LOG_FROM_ANYWHERE: &str = "quick-log-from-anywhere";

/// What Settings shows of the shortcut.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShortcutStatus {
    /// The shortcut set, if any.
    pub shortcut: Option<String>,
    /// Whether this desktop lets Rapport take a shortcut at all.
    pub available: bool,
    /// Why not, or why the shortcut set does not work now, in words.
    pub problem: Option<String>,
}

/// Where the desktop goes back to once the quick log closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Return {
    /// The window was hidden in the tray: hide it again.
    Hide,
    /// Another program's window had the focus: give it back.
    Focus(Window),
}

/// The shortcut's state in the shell: whether it can work here and what it holds.
#[derive(Default)]
pub struct QuickLogShortcut {
    inner: Mutex<Inner>,
    /// Started by `rapport --quick-log`, the log opened once the window was ready.
    opened_at_launch: AtomicBool,
}

#[derive(Default)]
struct Inner {
    /// Why no shortcut can work here; `None` once the plugin runs.
    unavailable: Option<String>,
    started: bool,
    registered: Option<Shortcut>,
    /// The shortcut set could not be taken (another program holds it).
    problem: Option<String>,
    return_to: Option<Return>,
}

impl QuickLogShortcut {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn status(&self, shortcut: Option<String>) -> ShortcutStatus {
        let inner = self.lock();
        let unavailable = if inner.started { None } else { Some(inner.unavailable.clone().unwrap_or_else(|| NOT_STARTED.to_owned())) };
        ShortcutStatus { available: unavailable.is_none(), problem: unavailable.or_else(|| inner.problem.clone()), shortcut }
    }
}

const NOT_STARTED: &str = "Global shortcuts are not available in this window.";

/// Takes the plugin on where the desktop allows it, then the shortcut the user set.
pub fn start<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<QuickLogShortcut>();
    let session = Session::from_env();
    let display = std::env::var_os("DISPLAY").is_some_and(|d| !d.is_empty());
    let why_not = if session.wayland {
        Some(format!(
            "This desktop (Wayland) does not let programs take a key for everywhere. In your desktop's keyboard settings, make a shortcut that runs “{} {QUICK_LOG}”.",
            std::env::current_exe().ok().and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned())).unwrap_or_else(|| "rapport".into())
        ))
    } else if !display {
        Some("No X display answered, so no key can be taken for everywhere.".to_owned())
    } else {
        let plugin = tauri_plugin_global_shortcut::Builder::new()
            .with_handler(|app, _, event| {
                if event.state == ShortcutState::Pressed {
                    open_from_anywhere(app);
                }
            })
            .build();
        app.plugin(plugin).err().map(|e| format!("Global shortcuts could not start here ({e})."))
    };
    {
        let mut inner = state.lock();
        inner.started = why_not.is_none();
        inner.unavailable = why_not;
    }
    let saved = app.state::<DiaryState>().diary().ok().and_then(|d| d.quick_log_shortcut().ok().flatten());
    if let Some(keys) = saved {
        if let Err(e) = take(app, Some(&keys)) {
            state.lock().problem = Some(e.to_string());
        }
    }
}

/// Lets go of the shortcut held and takes `keys` (none: no shortcut). An error says why
/// `keys` could not be taken; the old one is then taken back.
pub fn take<R: Runtime>(app: &AppHandle<R>, keys: Option<&str>) -> Result<(), Error> {
    let state = app.state::<QuickLogShortcut>();
    let mut inner = state.lock();
    if !inner.started {
        return Err(invalid(inner.unavailable.clone().unwrap_or_else(|| NOT_STARTED.to_owned())));
    }
    let new = keys
        .map(|k| {
            Shortcut::from_str(k)
                .map_err(|e| invalid(format!("“{k}” is not a key combination Rapport knows ({e}). Type it like Ctrl+Alt+L.")))
        })
        .transpose()?;
    let shortcuts = app.global_shortcut();
    let old = inner.registered.take();
    if let Some(old) = old {
        let _ = shortcuts.unregister(old);
    }
    inner.problem = None;
    if let Some(new) = new {
        if let Err(e) = shortcuts.register(new) {
            if let Some(old) = old {
                inner.registered = shortcuts.register(old).ok().map(|()| old);
            }
            return Err(invalid(format!("{} is taken by another program ({e}); choose another.", keys.unwrap_or_default())));
        }
        inner.registered = Some(new);
    }
    Ok(())
}

fn invalid(message: String) -> Error {
    Error::Invalid { field: "shortcut", message }
}

/// Whether Rapport was started to log a touch (`rapport --quick-log` with none running):
/// it starts hidden, as from the tray, and goes back there after the log.
pub fn launched_for_quick_log() -> bool {
    std::env::args().any(|a| a == QUICK_LOG)
}

/// Started to log a touch, the window's first ready opens the log (its listeners are
/// set by then); later loads of the page do not.
pub fn open_if_launched_for_it<R: Runtime>(app: &AppHandle<R>) {
    if launched_for_quick_log() && !app.state::<QuickLogShortcut>().opened_at_launch.swap(true, Ordering::SeqCst) {
        open_from_anywhere(app);
    }
}

/// Opens the quick log over whatever the user is doing, remembering what to hand back.
pub fn open_from_anywhere<R: Runtime>(app: &AppHandle<R>) {
    let Some(window) = app.get_webview_window("main") else { return };
    let hidden = !window.is_visible().unwrap_or(true);
    let focused = window.is_focused().unwrap_or(false);
    let return_to = if hidden {
        Some(Return::Hide)
    } else if focused {
        None
    } else {
        active_x_window().map(Return::Focus)
    };
    app.state::<QuickLogShortcut>().lock().return_to = return_to;
    crate::show_main_window(app);
    let _ = app.emit(QUICK_LOG_FROM_ANYWHERE, ());
}

/// The quick log opened from anywhere closed: the desktop goes back as it was.
pub fn done<R: Runtime>(app: &AppHandle<R>) {
    let return_to = app.state::<QuickLogShortcut>().lock().return_to.take();
    match return_to {
        Some(Return::Hide) => {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.hide();
            }
        }
        Some(Return::Focus(window)) => {
            std::thread::spawn(move || give_focus_back(window));
        }
        None => {}
    }
}

fn x11() -> Option<(RustConnection, Window, u32)> {
    let (conn, screen) = x11rb::connect(None).ok()?;
    let root = conn.setup().roots.get(screen)?.root;
    let active = conn.intern_atom(false, b"_NET_ACTIVE_WINDOW").ok()?.reply().ok()?.atom;
    Some((conn, root, active))
}

/// The window the window manager says has the focus, on X11.
fn active_x_window() -> Option<Window> {
    let (conn, root, active) = x11()?;
    let reply = conn.get_property(false, root, active, AtomEnum::WINDOW, 0, 1).ok()?.reply().ok()?;
    let window = reply.value32()?.next().filter(|w| *w != 0);
    window
}

/// Asks the window manager to focus `window` until it does, for two seconds at most:
/// window managers refuse to move the focus while the user is still typing in another
/// window (focus stealing prevention), as they are when Ctrl+Enter saved the log. Once
/// the focus is anywhere but Rapport, the user went there: asking stops.
fn give_focus_back(window: Window) {
    let ours = active_x_window();
    for _ in 0..20 {
        activate_x_window(window);
        std::thread::sleep(std::time::Duration::from_millis(100));
        if active_x_window() != ours {
            return;
        }
    }
}

/// Asks the window manager to focus `window`, as a pager does (EWMH source 2).
fn activate_x_window(window: Window) {
    let Some((conn, root, active)) = x11() else { return };
    let event = ClientMessageEvent::new(32, window, active, [2, x11rb::CURRENT_TIME, 0, 0, 0]);
    let _ = conn.send_event(false, root, EventMask::SUBSTRUCTURE_REDIRECT | EventMask::SUBSTRUCTURE_NOTIFY, event);
    let _ = conn.flush();
}
