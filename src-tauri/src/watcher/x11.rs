//! The active window and idle time from an X server, through x11rb (no shell-out).
//!
//! Change-driven: the root window's `_NET_ACTIVE_WINDOW` and the active window's title
//! are watched with property notifications, read on a thread of their own.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use x11rb::connection::Connection;
use x11rb::protocol::screensaver::ConnectionExt as _;
use x11rb::protocol::xproto::{AtomEnum, ChangeWindowAttributesAux, ConnectionExt as _, EventMask, Window};
use x11rb::protocol::Event;
use x11rb::rust_connection::RustConnection;

use super::{Backend, Gone, Seen, Unavailable};

/// The X atoms the watcher reads.
struct Atoms {
    active: u32,
    name: u32,
    utf8: u32,
}

/// A connection to the X server that reports the active window.
pub struct X11 {
    conn: Arc<RustConnection>,
    root: Window,
    atoms: Atoms,
    /// The window whose property changes are reported, so a tab's new title is seen.
    watched: Option<Window>,
    /// A property changed on the root or the watched window.
    changed: Receiver<()>,
}

impl X11 {
    /// Connects to `DISPLAY`'s X server and asks it to report window changes.
    pub fn connect() -> Result<Self, Unavailable> {
        let (conn, screen) = x11rb::connect(None).map_err(|_| Unavailable::NoDisplay)?;
        let conn = Arc::new(conn);
        let root = conn.setup().roots[screen].root;
        let atoms = atoms(&conn).ok_or(Unavailable::Refused("The X server did not answer."))?;
        if conn.change_window_attributes(root, &property_changes()).is_err() || conn.flush().is_err() {
            return Err(Unavailable::Refused("The X server refused to report window changes."));
        }
        let (tx, changed) = mpsc::channel::<()>();
        let events = conn.clone();
        std::thread::Builder::new()
            .name("rapport-watcher-events".into())
            .spawn(move || {
                while let Ok(event) = events.wait_for_event() {
                    if matches!(event, Event::PropertyNotify(_)) && tx.send(()).is_err() {
                        return;
                    }
                }
            })
            .expect("the watcher's event thread starts");
        Ok(X11 { conn, root, atoms, watched: None, changed })
    }
}

impl Backend for X11 {
    fn seen(&mut self) -> Seen {
        let window = active_window(&self.conn, self.root, &self.atoms);
        if window != self.watched {
            // Title changes of the new active window (a browser's tab) notify too.
            if let Some(w) = window {
                let _ = self.conn.change_window_attributes(w, &property_changes());
                let _ = self.conn.flush();
            }
            self.watched = window;
        }
        let (title, class) = window.map(|w| title_and_class(&self.conn, w, &self.atoms)).unwrap_or_default();
        let saver = self.conn.screensaver_query_info(self.root).ok().and_then(|c| c.reply().ok());
        // State 1 is "on": the screen saver (or the locker it stands for) is showing.
        let locked = saver.as_ref().is_some_and(|s| s.state == 1);
        let idle_ms = saver.as_ref().map_or(0, |s| i64::from(s.ms_since_user_input));
        let idle_since = (idle_ms >= 1000).then(|| Utc::now() - chrono::Duration::milliseconds(idle_ms));
        Seen { title, class, idle_since, locked }
    }

    fn wait(&mut self, timeout: Duration) -> Result<(), Gone> {
        match self.changed.recv_timeout(timeout) {
            Ok(()) | Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return Err(Gone),
        }
        // A burst of changes (typing in a title) is one sample.
        while self.changed.try_recv().is_ok() {}
        Ok(())
    }

    /// The X server measures idle time itself; the core compares it with the setting.
    fn set_idle_after(&mut self, _after: Duration) {}
}

fn property_changes() -> ChangeWindowAttributesAux {
    ChangeWindowAttributesAux::new().event_mask(EventMask::PROPERTY_CHANGE)
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
