//! What the watcher costs. Three minutes of the app on the same diary: idling with capture
//! off and nothing moving; then twice with the active window switching every second
//! between a window titled like LinkedIn and another (and the pointer nudged so the user
//! is not idle), once with capture off and once on. Judged: the CPU time of the
//! watcher's own threads (which read the display and write the diary) over the minute,
//! and the PSS of capture on against capture off under the same switching. Printed
//! beside: the whole app's CPU (it and every process it started) in each minute; the
//! difference between the two switching minutes is all that capture costs the app,
//! the window's repaints on its announcements included.

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use rapport_core::time::watch::CaptureChoice;
use rapport_core::Diary;
use rapport_e2e::Desktop;
use serde_json::{json, Value};

/// How long each of the two runs lasts.
const MINUTE: Duration = Duration::from_secs(60);
/// Targets: share of one core averaged over the minute, and extra memory.
const CPU_PERCENT: f64 = 0.5;
const EXTRA_MIB: f64 = 5.0;

const LINKEDIN: &str = "Feed | LinkedIn — Mozilla Firefox";
const ELSEWHERE: &str = "Kittens in boxes, vol. 7 — Mozilla Firefox";

/// Runs both minutes on a copy of `diary` and prints the figures; returns them for results.json.
pub fn measure(desktop: &Desktop, bin: &Path, diary: &Path) -> Value {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let _wm = desktop.start_window_manager();
    let (_a, linkedin) = runtime.block_on(desktop.open_window(LINKEDIN));
    let (_b, elsewhere) = runtime.block_on(desktop.open_window(ELSEWHERE));

    let switching = || {
        let end = Instant::now() + MINUTE;
        let mut windows = [&linkedin, &elsewhere].into_iter().cycle();
        while Instant::now() < end {
            let next = Instant::now() + Duration::from_secs(1);
            runtime.block_on(desktop.activate(windows.next().unwrap()));
            desktop.move_pointer();
            std::thread::sleep(next.saturating_duration_since(Instant::now()));
        }
    };
    let idle = minute(desktop, bin, diary, CaptureChoice::Off, || std::thread::sleep(MINUTE));
    let off = minute(desktop, bin, diary, CaptureChoice::Off, switching);
    let on = minute(desktop, bin, diary, CaptureChoice::On, switching);
    let cpu = on.watcher_percent;
    let whole = on.cpu_percent - off.cpu_percent;
    let extra = on.pss_mib - off.pss_mib;
    let ok = cpu < CPU_PERCENT && extra < EXTRA_MIB;
    println!("\nthe watcher: a minute idle, then a minute each of switching windows every second");
    println!("{:<40} {:>10} {:>10}", "", "CPU % core", "PSS MiB");
    for (what, m) in [("Rapport idle, capture off", &idle), ("switching, capture off", &off), ("switching, capture on", &on)] {
        println!("{what:<40} {:>10.2} {:>10.1}", m.cpu_percent, m.pss_mib);
    }
    println!("{:<40} {whole:>10.2} {extra:>10.1}", "  capture on − off, the whole app");
    println!(
        "{:<40} {cpu:>10.2} {extra:>10.1} {} cpu < {CPU_PERCENT} %, memory < {EXTRA_MIB} MiB",
        "  of which the watcher's threads",
        if ok { "PASS" } else { "FAIL" }
    );
    json!({
        "idle_cpu_percent": idle.cpu_percent, "idle_pss_mib": idle.pss_mib,
        "switching_off_cpu_percent": off.cpu_percent, "switching_off_pss_mib": off.pss_mib,
        "watching_cpu_percent": on.cpu_percent, "watching_pss_mib": on.pss_mib,
        "app_difference_cpu_percent": whole, "watcher_threads_cpu_percent": cpu, "extra_mib": extra,
        "target_cpu_percent": CPU_PERCENT, "target_extra_mib": EXTRA_MIB, "pass": ok,
    })
}

struct Minute {
    cpu_percent: f64,
    /// Of `cpu_percent`, the watcher's threads'.
    watcher_percent: f64,
    pss_mib: f64,
}

/// The watcher's threads as the kernel names them ("rapport-watcher", and the X11
/// event thread's longer name cut to the same 15 bytes).
const WATCHER_THREAD: &str = "rapport-watcher";

/// Starts the app on a fresh copy of `diary` with capture set to `choice`, lets it settle,
/// then times `during` and reads the CPU it used and its PSS at the end.
fn minute(desktop: &Desktop, bin: &Path, diary: &Path, choice: CaptureChoice, during: impl FnOnce()) -> Minute {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("rapport.sqlite3");
    std::fs::copy(diary, &file).unwrap();
    Diary::open(&file).unwrap().set_capture(choice).unwrap();
    let (mut child, _) = super::launch(desktop, bin, data.path());
    std::thread::sleep(super::IDLE);
    let before = cpu_ticks(&super::family(child.id()));
    let watcher_before = watcher_ticks(child.id());
    let started = Instant::now();
    during();
    let seconds = started.elapsed().as_secs_f64();
    // Processes started during the minute count from nothing.
    let pids = super::family(child.id());
    let after = cpu_ticks(&pids);
    let used: u64 = after.iter().map(|(pid, t)| t.saturating_sub(before.get(pid).copied().unwrap_or(0))).sum();
    let used = used as f64 / ticks_per_second();
    let watcher = watcher_ticks(child.id()).saturating_sub(watcher_before) as f64 / ticks_per_second();
    let pss: u64 = pids.iter().map(|&pid| super::pss_kib(pid)).sum();
    super::stop(&mut child, &pids);
    Minute { cpu_percent: used / seconds * 100.0, watcher_percent: watcher / seconds * 100.0, pss_mib: pss as f64 / 1024.0 }
}

/// User and system time of each process (every thread), in clock ticks.
fn cpu_ticks(pids: &[u32]) -> HashMap<u32, u64> {
    pids.iter()
        .filter_map(|&pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            // utime and stime are the 12th and 13th fields after the command's parentheses.
            let mut fields = stat.rsplit_once(')')?.1.split_whitespace().skip(11);
            Some((pid, fields.next()?.parse::<u64>().ok()? + fields.next()?.parse::<u64>().ok()?))
        })
        .collect()
}

/// User and system time of the watcher's threads in the app's process, in clock ticks.
fn watcher_ticks(pid: u32) -> u64 {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).map(|d| d.flatten().collect::<Vec<_>>()).unwrap_or_default();
    tasks
        .iter()
        .filter(|t| std::fs::read_to_string(t.path().join("comm")).is_ok_and(|c| c.trim() == WATCHER_THREAD))
        .filter_map(|t| {
            let stat = std::fs::read_to_string(t.path().join("stat")).ok()?;
            let mut fields = stat.rsplit_once(')')?.1.split_whitespace().skip(11);
            Some(fields.next()?.parse::<u64>().ok()? + fields.next()?.parse::<u64>().ok()?)
        })
        .sum()
}

fn ticks_per_second() -> f64 {
    // SAFETY: sysconf reads a constant of the system.
    unsafe { libc::sysconf(libc::_SC_CLK_TCK) as f64 }
}
