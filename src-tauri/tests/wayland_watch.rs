//! The watcher's Wayland backend on a real compositor: headless sway (Debian's package,
//! which `make test` installs) with GTK windows titled like a browser's tabs, focus moved
//! with swaymsg. Sway 1.7 offers wlr-foreign-toplevel-management and KDE's idle protocol.
#![cfg(target_os = "linux")]

use std::os::unix::fs::MetadataExt;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Utc;
use rapport_lib::watcher::wayland::Wayland;
use rapport_lib::watcher::{Backend, Seen};

const LINKEDIN: &str = "Feed | LinkedIn — Mozilla Firefox";
const NEWS: &str = "Some news — Mozilla Firefox";

#[test]
fn the_wayland_backend_sees_the_focused_window_and_idleness_on_sway() {
    let sway = Sway::start();
    let mut backend = Wayland::connect_to(sway.connect(), Duration::from_secs(600)).expect("sway offers what the watcher needs");
    assert_eq!(backend.seen(), Seen::default(), "no window yet");

    let _linkedin = sway.open_window(LINKEDIN);
    let seen = until(&mut backend, "the LinkedIn window", |s| s.title == LINKEDIN);
    assert_eq!(seen.class, "firefox", "the app id is the class");
    assert_eq!(seen.idle_since, None);

    // Sway focuses a new window.
    let mut news = sway.open_window(NEWS);
    until(&mut backend, "the news window", |s| s.title == NEWS && s.class == "firefox");
    sway.focus("LinkedIn");
    until(&mut backend, "LinkedIn again", |s| s.title == LINKEDIN);
    sway.focus("Some news");
    until(&mut backend, "the news window again", |s| s.title == NEWS);
    news.close();
    until(&mut backend, "LinkedIn once the news window closed", |s| s.title == LINKEDIN);

    // No input devices: idle once the timeout passes, and since the timeout began.
    let asked = Utc::now();
    backend.set_idle_after(Duration::from_secs(1));
    assert_eq!(backend.seen().idle_since, None, "not idle before the timeout");
    let seen = until(&mut backend, "idle", |s| s.idle_since.is_some());
    let since = seen.idle_since.unwrap();
    assert!(Utc::now() - asked >= chrono::Duration::milliseconds(900), "idle only after the timeout");
    assert!(
        since >= asked - chrono::Duration::milliseconds(500) && since <= Utc::now() - chrono::Duration::seconds(1),
        "{since} vs {asked}"
    );
    assert_eq!(seen.title, LINKEDIN, "the window stays the same while idle");

    // Moving the pointer is input.
    sway.msg(&["seat", "-", "cursor", "move", "5", "5"]);
    until(&mut backend, "input again", |s| s.idle_since.is_none());
}

/// Waits up to 10 s for what the backend sees to pass `check`; returns it. Only a change
/// may end a wait early, so a backend that merely times out fails here.
fn until(backend: &mut Wayland, what: &str, check: impl Fn(&Seen) -> bool) -> Seen {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let seen = backend.seen();
        if check(&seen) {
            return seen;
        }
        backend.wait(deadline.saturating_duration_since(Instant::now())).expect("sway is still there");
        assert!(Instant::now() < deadline, "waited 10 s for {what}; the backend sees {:?}", backend.seen());
    }
}

/// Headless sway in a runtime folder of its own; stopped when dropped.
struct Sway {
    process: Child,
    runtime: tempfile::TempDir,
    /// The Wayland socket sway made (wayland-1 or the next free name).
    socket: PathBuf,
}

impl Sway {
    fn start() -> Sway {
        let runtime = tempfile::tempdir().unwrap();
        let config = runtime.path().join("config");
        std::fs::write(&config, "xwayland disable\noutput HEADLESS-1 resolution 1280x720\n").unwrap();
        let mut cmd = Command::new("sway");
        // Sway refuses to run as root: there, it runs as nobody, in a folder nobody owns.
        if std::fs::metadata(runtime.path()).unwrap().uid() == 0 {
            std::os::unix::fs::chown(runtime.path(), Some(65534), Some(65534)).unwrap();
            cmd = Command::new("setpriv");
            cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "sway"]);
        }
        cmd.arg("-c").arg(&config).env_remove("WAYLAND_DISPLAY");
        cmd.env("WLR_BACKENDS", "headless").env("WLR_LIBINPUT_NO_DEVICES", "1").env("WLR_RENDERER", "pixman");
        cmd.stdout(Stdio::null()).stderr(Stdio::null());
        let mut sway = Sway { process: client(&mut cmd, runtime.path()).spawn().expect("sway runs"), runtime, socket: PathBuf::new() };
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let found = std::fs::read_dir(sway.runtime.path()).unwrap().flatten().map(|e| e.path()).find(|p| {
                let name = p.file_name().unwrap().to_string_lossy();
                name.starts_with("wayland-") && !name.ends_with(".lock")
            });
            if let Some(socket) = found.filter(|s| UnixStream::connect(s).is_ok() && sway.runtime.path().join(IPC).exists()) {
                sway.socket = socket;
                return sway;
            }
            assert!(sway.process.try_wait().unwrap().is_none(), "sway stopped as it started");
            assert!(Instant::now() < deadline, "sway made no Wayland socket in 10 s");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn connect(&self) -> UnixStream {
        UnixStream::connect(&self.socket).unwrap()
    }

    /// `program` as a client of this sway.
    fn command(&self, program: &str) -> Command {
        let mut cmd = Command::new(program);
        client(&mut cmd, self.runtime.path()).env("WAYLAND_DISPLAY", self.socket.file_name().unwrap());
        cmd
    }

    /// Opens a GTK window titled `title` with Firefox's app id (tests/scripts/window.py).
    fn open_window(&self, title: &str) -> Window {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/scripts/window.py");
        let mut cmd = self.command("/usr/bin/python3");
        cmd.arg(script).arg(title).env("GDK_BACKEND", "wayland").env("NO_AT_BRIDGE", "1");
        cmd.stdout(Stdio::null()).stderr(Stdio::null());
        Window(cmd.spawn().expect("python3 runs the test window"))
    }

    /// Focuses the window whose title contains `word`, as a click would.
    fn focus(&self, word: &str) {
        self.msg(&[&format!("[title=\"{word}\"] focus")]);
    }

    fn msg(&self, args: &[&str]) {
        let out = self.command("swaymsg").args(args).output().expect("swaymsg runs");
        assert!(out.status.success(), "swaymsg {args:?}: {}", String::from_utf8_lossy(&out.stdout));
    }
}

/// Sway's IPC socket, in its runtime folder.
const IPC: &str = "sway-ipc.sock";

/// Points `cmd` at the runtime folder, with no X display to fall back on.
fn client<'a>(cmd: &'a mut Command, runtime: &Path) -> &'a mut Command {
    cmd.env("XDG_RUNTIME_DIR", runtime).env("SWAYSOCK", runtime.join(IPC)).env_remove("DISPLAY")
}

impl Drop for Sway {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// A test window's process, ended when dropped.
struct Window(Child);

impl Window {
    fn close(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for Window {
    fn drop(&mut self) {
        self.close();
    }
}
