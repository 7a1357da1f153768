//! The end-to-end harness: a real X display (Xvfb when none is set), a private D-Bus
//! session with dunst as its notification server, tauri-driver with Debian's
//! WebKitWebDriver, and the built Rapport app on a scratch data directory.
//!
//! Every process it starts is stopped when its guard drops, also when a test fails, and
//! dies with the test process if that is killed.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::ClientBuilder;
use serde_json::json;

/// How long to wait for something the app should show.
pub const PATIENCE: Duration = Duration::from_secs(20);

mod app;
mod notifications;
pub mod pages;
mod wait;
mod windows;
pub use app::App;
pub use wait::{eventually, eventually_within, ok_if};
use wait::{eventually_blocking, poll_blocking};

/// The selector for the element the UI marks `data-testid="id"`, the one way tests find
/// things: `tid("person-name")`.
pub fn tid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

/// The element marked `inner` inside the one marked `outer`: `tid_in("column-met", "ladder-card")`.
pub fn tid_in(outer: &str, inner: &str) -> String {
    format!("{} {}", tid(outer), tid(inner))
}

/// The workspace's target directory.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
}

/// The variable that points the app at a diary folder.
const DATA_DIR_ENV: &str = "RAPPORT_DATA_DIR";

/// The app under test: `RAPPORT_BIN`, or the debug build in the workspace's target.
pub fn app_binary() -> PathBuf {
    let bin = std::env::var_os("RAPPORT_BIN").map(PathBuf::from).unwrap_or_else(|| target_dir().join("debug/rapport"));
    assert!(bin.exists(), "{} does not exist: build the app first (make test does)", bin.display());
    bin.canonicalize().unwrap()
}

/// A started process that is killed, with everything it started, when dropped.
pub struct Process {
    name: &'static str,
    child: Child,
}

impl Process {
    /// Starts `cmd` in a process group of its own that dies with this test process.
    fn start(name: &'static str, mut cmd: Command) -> Process {
        cmd.stdin(Stdio::null()).process_group(0);
        // SAFETY: prctl is async-signal-safe; it only marks the child to get SIGKILL
        // when the thread that started it exits.
        unsafe {
            cmd.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                Ok(())
            });
        }
        let child = cmd.spawn().unwrap_or_else(|e| panic!("could not start {name}: {e} (make test installs it)"));
        Process { name, child }
    }

    fn assert_running(&mut self) {
        if let Ok(Some(status)) = self.child.try_wait() {
            panic!("{} exited early: {status}", self.name);
        }
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let group = -(self.child.id() as i32);
        // SAFETY: kill(2) on our own child's process group.
        unsafe { libc::kill(group, libc::SIGTERM) };
        // A few seconds' grace to exit cleanly; what is left then is killed.
        let _ = poll_blocking(Duration::from_secs(3), || ok_if(matches!(self.child.try_wait(), Ok(Some(_))), ()));
        unsafe { libc::kill(group, libc::SIGKILL) };
        let _ = self.child.wait();
    }
}

/// Runs dunstctl on the bus; its output when it succeeded.
fn dunstctl(bus: &str, args: &[&str]) -> Option<String> {
    let out = Command::new("dunstctl").args(args).env("DBUS_SESSION_BUS_ADDRESS", bus).stderr(Stdio::null()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A desktop session: display, session bus and notification server.
pub struct Desktop {
    pub display: String,
    pub bus_address: String,
    // Dropped in reverse order of start: dunst, then the bus, then the display.
    _dunst: Option<Process>,
    _bus: Process,
    _xvfb: Option<Process>,
    dir: tempfile::TempDir,
}

impl Desktop {
    /// Display, bus and dunst.
    pub fn start() -> Desktop {
        Desktop::start_with(true)
    }

    /// Display and bus, and no notification server at all.
    pub fn without_notifications() -> Desktop {
        Desktop::start_with(false)
    }

    fn start_with(notifications: bool) -> Desktop {
        let dir = tempfile::tempdir().unwrap();
        let (display, xvfb) = match std::env::var("DISPLAY") {
            Ok(display) if !display.is_empty() => (display, None),
            _ => {
                let (display, xvfb) = start_xvfb();
                (display, Some(xvfb))
            }
        };

        let socket = dir.path().join("bus");
        let bus_address = format!("unix:path={}", socket.display());
        let mut cmd = Command::new("dbus-daemon");
        cmd.args(["--session", "--nofork", "--nopidfile", &format!("--address={bus_address}")]);
        // With no display in its environment, a notification server the bus would start
        // on demand (dunst's D-Bus service) cannot start: "no server" stays no server.
        cmd.env_remove("DISPLAY").env_remove("WAYLAND_DISPLAY");
        let mut bus = Process::start("dbus-daemon", cmd);
        eventually_blocking("the D-Bus session's socket", || {
            bus.assert_running();
            ok_if(socket.exists(), "no socket yet")
        });

        let dunst = notifications.then(|| {
            // The context menu's chooser is a script that picks the action the test named
            // (`choose_notification_action`), where a user would pick it with dmenu.
            let pick = dir.path().join("pick.sh");
            std::fs::write(&pick, format!("#!/bin/sh\nexec grep -m1 -F -- \"$(cat {})\"\n", dir.path().join("pick").display())).unwrap();
            let config = dir.path().join("dunstrc");
            std::fs::write(&config, format!("[global]\n    dmenu = \"/bin/sh {}\"\n", pick.display())).unwrap();
            let mut cmd = Command::new("dunst");
            cmd.arg("-config").arg(&config);
            cmd.env("DISPLAY", &display).env("DBUS_SESSION_BUS_ADDRESS", &bus_address);
            cmd.stdout(Stdio::null()).stderr(Stdio::null());
            let mut dunst = Process::start("dunst", cmd);
            eventually_blocking("dunst on the session bus", || {
                dunst.assert_running();
                dunstctl(&bus_address, &["is-paused"]).ok_or("dunstctl gets no answer")
            });
            dunst
        });

        Desktop { display, bus_address, _dunst: dunst, _bus: bus, _xvfb: xvfb, dir }
    }

    /// Whether a Rapport instance holds its single-instance name on this bus.
    pub fn instance_on_bus(&self) -> bool {
        let names = Command::new("dbus-send")
            .args([
                "--session",
                "--dest=org.freedesktop.DBus",
                "--type=method_call",
                "--print-reply",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.ListNames",
            ])
            .env("DBUS_SESSION_BUS_ADDRESS", &self.bus_address)
            .output()
            .expect("dbus-send");
        String::from_utf8_lossy(&names.stdout).contains(".SingleInstance")
    }

    /// Answers the native file dialog titled `title` (a GTK window beside the app's) with
    /// `path`, as a user typing the path and pressing Enter.
    pub async fn answer_save_dialog(&self, title: &str, path: &Path) {
        let window = self.wait_for_window(title).await;
        self.xdotool(&["windowfocus", "--sync", &window]);
        // The dialog takes a moment to put the focus in its name field.
        tokio::time::sleep(Duration::from_millis(500)).await;
        self.xdotool(&["key", "--clearmodifiers", "ctrl+a"]);
        self.xdotool(&["type", "--delay", "10", &path.display().to_string()]);
        self.xdotool(&["key", "Return"]);
    }

    /// Answers the native open dialog titled `title` with `path`: Ctrl+L opens its
    /// location field, then the path is typed and Enter pressed.
    pub async fn answer_open_dialog(&self, title: &str, path: &Path) {
        let window = self.wait_for_window(title).await;
        self.xdotool(&["windowfocus", "--sync", &window]);
        tokio::time::sleep(Duration::from_millis(500)).await;
        self.xdotool(&["key", "--clearmodifiers", "ctrl+l"]);
        tokio::time::sleep(Duration::from_millis(300)).await;
        self.xdotool(&["type", "--delay", "10", &path.display().to_string()]);
        tokio::time::sleep(Duration::from_millis(300)).await;
        self.xdotool(&["key", "Return"]);
    }

    /// Waits for a visible native window whose title matches `title`; returns its id.
    pub async fn wait_for_window(&self, title: &str) -> String {
        eventually(&format!("a window titled {title:?}"), async || {
            let found = String::from_utf8_lossy(&self.xdotool(&["search", "--onlyvisible", "--name", title]).stdout).trim().to_owned();
            found.lines().last().map(str::to_owned).ok_or("no such window")
        })
        .await
    }

    /// Presses `key` (xdotool's name for it) in the native window `window`.
    pub async fn press_in_window(&self, window: &str, key: &str) {
        self.xdotool(&["windowfocus", "--sync", window]);
        tokio::time::sleep(Duration::from_millis(300)).await;
        self.xdotool(&["key", key]);
    }

    fn xdotool(&self, args: &[&str]) -> std::process::Output {
        Command::new("xdotool").args(args).env("DISPLAY", &self.display).stderr(Stdio::null()).output().expect("xdotool runs")
    }

    /// The environment a process needs to run on this desktop with `data_dir`.
    pub fn env(&self, data_dir: &Path) -> Vec<(&'static str, String)> {
        vec![
            ("DISPLAY", self.display.clone()),
            ("DBUS_SESSION_BUS_ADDRESS", self.bus_address.clone()),
            (DATA_DIR_ENV, data_dir.display().to_string()),
            ("XDG_RUNTIME_DIR", self.dir.path().display().to_string()),
            ("GTK_THEME", "Adwaita".into()),
        ]
    }

    /// Launches the app on `data_dir` under tauri-driver and connects to its window.
    pub async fn launch(&self, data_dir: &Path) -> App {
        self.launch_themed(data_dir, "Adwaita").await
    }

    /// The same with a GTK theme, e.g. `Adwaita:dark` for a desktop in dark mode.
    pub async fn launch_themed(&self, data_dir: &Path, theme: &str) -> App {
        self.launch_binary(&app_binary(), data_dir, theme).await
    }

    /// Launches the app binary at `binary` (an installed one, say) on `data_dir`.
    pub async fn launch_binary(&self, binary: &Path, data_dir: &Path, theme: &str) -> App {
        self.launch_with(binary, data_dir, theme, None).await
    }

    /// Launches the app as a Wayland desktop's X11 programs run (XWayland): this X
    /// display, with the session saying Wayland.
    pub async fn launch_in_wayland_session(&self, data_dir: &Path) -> App {
        self.launch_with(&app_binary(), data_dir, "Adwaita", Some("wayland")).await
    }

    async fn launch_with(&self, binary: &Path, data_dir: &Path, theme: &str, session_type: Option<&str>) -> App {
        // An instance still shutting down would take this launch for a second one.
        eventually("the previous instance to leave the bus", async || ok_if(!self.instance_on_bus(), "still on the bus")).await;
        let port = free_port();
        let mut cmd = Command::new("tauri-driver");
        cmd.args(["--port", &port.to_string(), "--native-port", &free_port().to_string()])
            .env("DISPLAY", &self.display)
            .env("DBUS_SESSION_BUS_ADDRESS", &self.bus_address)
            .env(DATA_DIR_ENV, data_dir)
            // A fixed theme and language, so screenshots compare across machines.
            .env("GTK_THEME", theme)
            .env("LANG", "C.UTF-8")
            .env("XDG_RUNTIME_DIR", self.dir.path())
            // An X11 desktop, even when the tests run from a Wayland one: the app's watcher
            // would ask Wayland.
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("XDG_SESSION_TYPE")
            .stdout(Stdio::null());
        if let Some(session_type) = session_type {
            cmd.env("XDG_SESSION_TYPE", session_type);
        }
        let log = self.dir.path().join(format!("app-{port}.log"));
        cmd.stderr(std::fs::File::create(&log).unwrap());
        let mut driver = Process::start("tauri-driver", cmd);
        // tauri-driver answers /status only once WebKitWebDriver behind it does.
        // Started cold on a busy machine, WebKitWebDriver has taken more than 20 s.
        eventually_within("tauri-driver's /status", Duration::from_secs(60), async || {
            driver.assert_running();
            ok_if(driver_ready(port), "not ready")
        })
        .await;

        let mut caps = serde_json::Map::new();
        caps.insert("tauri:options".into(), json!({ "application": binary }));
        let url = format!("http://127.0.0.1:{port}");
        let mut builder = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
        builder.capabilities(caps);
        let log_so_far = || std::fs::read_to_string(&log).unwrap_or_default();
        // tauri-driver may take the port before it answers a session request: a request
        // it drops is asked again, twice at most.
        let mut attempts = 0;
        let client = loop {
            attempts += 1;
            match tokio::time::timeout(PATIENCE, builder.connect(&url)).await {
                Ok(Ok(client)) => break client,
                Ok(Err(e)) if attempts < 3 && e.to_string().contains("SendRequest") => {
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Ok(Err(e)) => panic!("no WebDriver session with the app: {e}\n{}", log_so_far()),
                Err(_) => panic!("the app did not open within {PATIENCE:?}; its log:\n{}", log_so_far()),
            }
        };
        let app = App { client, _driver: driver, log };
        app.wait_for("body[data-ready], body[data-state=unopened]").await;
        app
    }
}

/// Whether the WebDriver at `port` answers `GET /status` with 200.
fn driver_ready(port: u16) -> bool {
    use std::io::{Read, Write};
    let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) else { return false };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request = "GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    let mut head = [0u8; 12];
    stream.write_all(request.as_bytes()).is_ok() && stream.read_exact(&mut head).is_ok() && head.starts_with(b"HTTP/1.1 200")
}

/// Starts Xvfb on a display number it picks itself (`-displayfd`), so parallel runs
/// never share one.
fn start_xvfb() -> (String, Process) {
    use std::io::{BufRead, BufReader};
    let mut cmd = Command::new("Xvfb");
    // Room for the largest window the layout test opens (1440×900).
    cmd.args(["-displayfd", "1", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"]);
    cmd.stdout(Stdio::piped()).stderr(Stdio::null());
    let mut xvfb = Process::start("Xvfb", cmd);
    let stdout = xvfb.child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let number = rx.recv_timeout(PATIENCE).expect("Xvfb to report its display number");
    let number = number.trim();
    assert!(!number.is_empty(), "Xvfb exited without a display");
    (format!(":{number}"), xvfb)
}

/// The processes running with `data_dir` as their diary (the app and the WebKit
/// processes it starts, which inherit its environment).
pub fn app_processes(data_dir: &Path) -> Vec<u32> {
    let needle = format!("{DATA_DIR_ENV}={}", data_dir.display());
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/environ")).is_ok_and(|env| env.split(|&b| b == 0).any(|var| var == needle.as_bytes()))
        })
        .collect()
}

/// Every internet socket those processes hold whose far end is not this machine, as
/// "local -> remote" in /proc's hex notation. Empty when the app touches no network.
pub fn remote_sockets(pids: &[u32]) -> Vec<String> {
    let inodes: std::collections::HashSet<String> = pids
        .iter()
        .filter_map(|pid| std::fs::read_dir(format!("/proc/{pid}/fd")).ok())
        .flatten()
        .filter_map(|fd| {
            let link = std::fs::read_link(fd.ok()?.path()).ok()?;
            link.to_str()?.strip_prefix("socket:[")?.strip_suffix(']').map(str::to_owned)
        })
        .collect();
    // Addresses as /proc writes them: hex, IPv4 in network order read as a little-endian
    // word (127.x.y.z ends in 7F), IPv6 as four such words.
    let loopback = |addr: &str| {
        let host = addr.split(':').next().unwrap_or_default();
        let ipv4 = |word: &str| word.ends_with("7F") || word == "00000000";
        match host.len() {
            8 => ipv4(host),
            32 => {
                host == "00000000000000000000000001000000" // ::1
                || host.chars().all(|c| c == '0')
                || (host.starts_with("0000000000000000FFFF0000") && ipv4(&host[24..]))
            } // ::ffff:127.x.y.z
            _ => false,
        }
    };
    ["tcp", "tcp6", "udp", "udp6"]
        .iter()
        .filter_map(|table| std::fs::read_to_string(format!("/proc/net/{table}")).ok())
        .flat_map(|text| text.lines().skip(1).map(str::to_owned).collect::<Vec<_>>())
        .filter_map(|line| {
            let cols: Vec<&str> = line.split_whitespace().collect();
            let (local, remote, inode) = (cols.get(1)?, cols.get(2)?, cols.get(9)?);
            (inodes.contains(*inode) && !loopback(remote)).then(|| format!("{local} -> {remote}"))
        })
        .collect()
}
