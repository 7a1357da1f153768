//! Other X windows beside Rapport's, as a desktop has them: a window manager, windows
//! titled like a browser's tabs, and a file manager's drag and drop.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::{Desktop, Process};

impl Desktop {
    /// Drops `files` on Rapport's window the way a file manager does: dragged with the
    /// mouse from another X window (tests/scripts/drag-source.py) and released over it.
    pub async fn drop_files(&self, files: &[&Path]) {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/drag-source.py");
        let mut cmd = Command::new("/usr/bin/python3");
        cmd.arg(script).args(files).env("DISPLAY", &self.display).env("DBUS_SESSION_BUS_ADDRESS", &self.bus_address);
        cmd.stdout(Stdio::null()).stderr(Stdio::null());
        let _source = Process::start("the drag source", cmd);
        let source = self.wait_for_window("Files to drop on Rapport").await;
        let target = self.wait_for_window("^Rapport$").await;
        let centre = |window: &str| {
            let out = String::from_utf8_lossy(&self.xdotool(&["getwindowgeometry", "--shell", window]).stdout).into_owned();
            let value = |key: &str| out.lines().find_map(|l| l.strip_prefix(key)).and_then(|v| v.parse::<i32>().ok()).unwrap_or(0);
            (value("X=") + value("WIDTH=") / 2, value("Y=") + value("HEIGHT=") / 2)
        };
        let ((sx, sy), (tx, ty)) = (centre(&source), centre(&target));
        self.xdotool(&["mousemove", "--sync", &sx.to_string(), &sy.to_string()]);
        self.xdotool(&["mousedown", "1"]);
        // GTK starts a drag after the pointer moves a few pixels with the button held,
        // and the target answers only to motion over it: move in steps, then release.
        for step in 1..=20 {
            let (x, y) = (sx + (tx - sx) * step / 20, sy + (ty - sy) * step / 20);
            self.xdotool(&["mousemove", &x.to_string(), &y.to_string()]);
            tokio::time::sleep(Duration::from_millis(40)).await;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        self.xdotool(&["mouseup", "1"]);
        tokio::time::sleep(Duration::from_millis(300)).await;
    }

    /// Starts a window manager that keeps `_NET_ACTIVE_WINDOW` (openbox) on this display.
    pub fn start_window_manager(&self) -> Process {
        let mut cmd = Command::new("openbox");
        cmd.env("DISPLAY", &self.display).stdout(Stdio::null()).stderr(Stdio::null());
        let wm = Process::start("openbox", cmd);
        std::thread::sleep(Duration::from_millis(500));
        wm
    }

    /// Opens a plain window titled `title` (tests/scripts/window.py); returns it and its X id.
    pub async fn open_window(&self, title: &str) -> (Process, String) {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/window.py");
        let mut cmd = Command::new("/usr/bin/python3");
        cmd.arg(script).arg(title).env("DISPLAY", &self.display).env("DBUS_SESSION_BUS_ADDRESS", &self.bus_address);
        cmd.stdout(Stdio::null()).stderr(Stdio::null());
        let process = Process::start("a titled window", cmd);
        let id = self.wait_for_window(&regex_escape(title)).await;
        (process, id)
    }

    /// Moves the pointer a little, as a person reading and scrolling does: the X server
    /// counts it as input, so the user is not idle.
    pub fn move_pointer(&self) {
        self.xdotool(&["mousemove_relative", "--", "3", "0"]);
        self.xdotool(&["mousemove_relative", "--", "-3", "0"]);
    }

    /// The window the window manager says is active (its X id, in decimal as xdotool
    /// gives ids), if any.
    pub fn active_window(&self) -> Option<String> {
        let out = String::from_utf8_lossy(&self.xdotool(&["getactivewindow"]).stdout).trim().to_owned();
        (!out.is_empty()).then_some(out)
    }

    /// Waits until `window` is the active one.
    pub async fn wait_until_active(&self, window: &str) {
        crate::eventually(&format!("window {window} to be active"), async || {
            let active = self.active_window();
            crate::ok_if(active.as_deref() == Some(window), format!("{active:?} is"))
        })
        .await;
    }

    /// Whether a window titled exactly `title` shows (mapped) now.
    pub fn window_shows(&self, title: &str) -> bool {
        let name = format!("^{}$", regex_escape(title));
        !String::from_utf8_lossy(&self.xdotool(&["search", "--onlyvisible", "--name", &name]).stdout).trim().is_empty()
    }

    /// Presses `keys` (xdotool's names, "ctrl+alt+l") wherever the focus is, as a person
    /// at the keyboard does: a global shortcut hears it from any window.
    pub async fn press_keys(&self, keys: &str) {
        self.xdotool(&["key", "--clearmodifiers", keys]);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    /// Makes `window` the active one, through the window manager as a click would.
    pub async fn activate(&self, window: &str) {
        self.xdotool(&["windowactivate", "--sync", window]);
        tokio::time::sleep(Duration::from_millis(300)).await;
    }

    /// Makes `window` the active one and waits until it is: a window manager refuses to
    /// move the focus while the user has just typed elsewhere, so it is asked again.
    pub async fn focus(&self, window: &str) {
        crate::eventually(&format!("window {window} to take the focus"), async || {
            self.activate(window).await;
            let active = self.active_window();
            crate::ok_if(active.as_deref() == Some(window), format!("{active:?} has it"))
        })
        .await;
    }
}

/// `text` as a regular expression matching itself (xdotool's --name takes one).
fn regex_escape(text: &str) -> String {
    text.chars().flat_map(|c| if "\\.+*?()|[]{}^$".contains(c) { vec!['\\', c] } else { vec![c] }).collect()
}
