//! `make bench`, second half: the whole app, release build, in a real window.
//!
//! For each generated diary in `target/bench/` (the core benchmark makes them) it starts
//! Rapport again and again and times process start until the window's first screen shows
//! real data (the UI says so through `app_ready`, the shell prints it), then lets the
//! window idle and sums the proportional set size (PSS) of the app and every process it
//! started (WebKit's web and network processes). The same two figures for a bare Tauri
//! window on the same stack (`tests/bare-window`) make Rapport's overhead a ratio.
//! Prints PASS/FAIL against the targets and adds the figures to
//! `target/bench/results.json` under "app". Then what the watcher costs (`app/watcher.rs`).

#![allow(clippy::print_stdout, reason = "the report is its output")]

use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rapport_e2e::{target_dir, Desktop};
use serde_json::json;

#[path = "app/watcher.rs"]
mod watcher;

/// Timed starts of each program on each diary, after one untimed warm-up start.
const RUNS: usize = 10;
/// How long the window idles before its memory is read.
const IDLE: Duration = Duration::from_secs(3);
/// Targets: start-up and memory as a multiple of the bare window's.
const START_RATIO: f64 = 1.5;
const MEMORY_RATIO: f64 = 1.3;

struct Figures {
    start_ms: Vec<f64>,
    pss_mib: Vec<f64>,
}

fn main() {
    let release = target_dir().join("release");
    let rapport = release.join("rapport");
    let bare = release.join("rapport-bare-window");
    for bin in [&rapport, &bare] {
        assert!(
            bin.exists(),
            "{} is missing: make bench builds it (cargo build --release -p rapport -p rapport-bare-window)",
            bin.display()
        );
    }
    let bench = target_dir().join("bench");
    let diaries = diaries(&bench);
    assert!(!diaries.is_empty(), "no generated diary in {}: the core benchmark makes them first", bench.display());

    let desktop = Desktop::start();
    let mut rows = Vec::new();
    let mut failed = 0;
    println!("\nthe whole app, release build, {RUNS} starts each after a warm-up");
    println!("{:<28} {:>12} {:>9} {:>10} {:>7} {:>7}", "", "start med ms", "p95 ms", "PSS MiB", "start×", "memory×");
    for (name, file) in &diaries {
        // A data folder of its own per diary, reused by every start: the first start's
        // daily backup and catch-up reminders happen in the warm-up.
        let data = tempfile::tempdir().unwrap();
        std::fs::copy(file, data.path().join("rapport.sqlite3")).unwrap();
        let bare_data = tempfile::tempdir().unwrap();
        let mut app = Figures { start_ms: Vec::new(), pss_mib: Vec::new() };
        let mut yardstick = Figures { start_ms: Vec::new(), pss_mib: Vec::new() };
        for run in 0..=RUNS {
            // Interleaved, so a slower moment of the machine hits both alike.
            let (start, pss) = start_once(&desktop, &rapport, data.path());
            let (bare_start, bare_pss) = start_once(&desktop, &bare, bare_data.path());
            if run > 0 {
                app.start_ms.push(start);
                app.pss_mib.push(pss);
                yardstick.start_ms.push(bare_start);
                yardstick.pss_mib.push(bare_pss);
            }
        }
        let (start, start_p95, pss) = (median(&app.start_ms), p95(&app.start_ms), median(&app.pss_mib));
        let (bare_start, bare_p95, bare_pss) = (median(&yardstick.start_ms), p95(&yardstick.start_ms), median(&yardstick.pss_mib));
        let (start_ratio, memory_ratio) = (start / bare_start, pss / bare_pss);
        let ok = start_ratio < START_RATIO && memory_ratio < MEMORY_RATIO;
        if !ok {
            failed += 1;
        }
        println!("{:<28} {start:>12.0} {start_p95:>9.0} {pss:>10.1} {start_ratio:>7.2} {memory_ratio:>7.2} {} start < {START_RATIO}×, memory < {MEMORY_RATIO}×",
            format!("Rapport, {name} diary"), if ok { "PASS" } else { "FAIL" });
        println!("{:<28} {bare_start:>12.0} {bare_p95:>9.0} {bare_pss:>10.1}", "bare Tauri window");
        rows.push(json!({
            "diary": name, "runs": RUNS,
            "start_median_ms": start, "start_p95_ms": start_p95, "pss_median_mib": pss,
            "bare_start_median_ms": bare_start, "bare_start_p95_ms": bare_p95, "bare_pss_median_mib": bare_pss,
            "start_ratio": start_ratio, "memory_ratio": memory_ratio,
            "target_start_ratio": START_RATIO, "target_memory_ratio": MEMORY_RATIO, "pass": ok,
        }));
    }

    // The watcher's cost, on the smallest diary: capture's work does not grow with it.
    let watcher = watcher::measure(&desktop, &rapport, &diaries[0].1);
    if watcher["pass"] != json!(true) {
        failed += 1;
    }

    let file = bench.join("results.json");
    let mut results: serde_json::Value =
        std::fs::read_to_string(&file).ok().and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_else(|| json!({}));
    results["app"] = json!(rows);
    results["watcher"] = watcher;
    std::fs::write(&file, serde_json::to_string_pretty(&results).unwrap()).unwrap();
    println!("\n{failed} failed; figures in {}", file.display());
}

/// The generated diaries of the sizes asked for, smallest first, as (size, file).
fn diaries(bench: &Path) -> Vec<(String, PathBuf)> {
    // The same choice of sizes as the core benchmark's.
    let sizes = std::env::var("RAPPORT_BENCH_SIZES").unwrap_or_else(|_| "small,medium,large".into());
    let wanted: Vec<&str> = sizes.split(',').map(str::trim).collect();
    let mut found: Vec<(usize, String, PathBuf)> = std::fs::read_dir(bench)
        .map(|dir| dir.flatten().map(|e| e.path()).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|path| {
            let stem = path.file_name()?.to_str()?.strip_suffix(".sqlite3")?.to_owned();
            let (size, version) = stem.split_once("-v")?;
            version.parse::<u32>().ok()?;
            let order = ["small", "medium", "large"].iter().position(|s| *s == size)?;
            wanted.contains(&size).then_some(())?;
            Some((order, size.to_owned(), path))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, size, path)| (size, path)).collect()
}

/// Starts `bin` on `data`, and returns the milliseconds until it printed that its first
/// screen is ready and, after `IDLE`, the PSS of it and its children in MiB; then stops it.
fn start_once(desktop: &Desktop, bin: &Path, data: &Path) -> (f64, f64) {
    let (mut child, ready) = launch(desktop, bin, data);
    std::thread::sleep(IDLE);
    let pids = family(child.id());
    let pss: u64 = pids.iter().map(|&pid| pss_kib(pid)).sum();
    stop(&mut child, &pids);
    (ready.as_secs_f64() * 1000.0, pss as f64 / 1024.0)
}

/// Starts `bin` on `data` and waits until it prints that its first screen is ready.
fn launch(desktop: &Desktop, bin: &Path, data: &Path) -> (Child, Duration) {
    // A Rapport still leaving the bus would take this start for a second instance.
    let deadline = Instant::now() + Duration::from_secs(20);
    while desktop.instance_on_bus() {
        assert!(Instant::now() < deadline, "the previous Rapport never left the bus");
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut cmd = Command::new(bin);
    cmd.envs(desktop.env(data)).env("LANG", "C.UTF-8").stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped()).process_group(0);
    let started = Instant::now();
    let mut child = cmd.spawn().unwrap_or_else(|e| panic!("{}: {e}", bin.display()));
    let (tx, rx) = std::sync::mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.contains("first screen ready") {
                let _ = tx.send(started.elapsed());
            }
        }
    });
    let ready =
        rx.recv_timeout(Duration::from_secs(60)).unwrap_or_else(|_| panic!("{} never said its first screen was ready", bin.display()));
    (child, ready)
}

/// `pid` and every process descended from it.
fn family(pid: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| {
            let child: u32 = e.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(format!("/proc/{child}/stat")).ok()?;
            // The parent is the second field after the command, which is in parentheses.
            let parent = stat.rsplit_once(')')?.1.split_whitespace().nth(1)?.parse().ok()?;
            Some((child, parent))
        })
        .collect();
    let mut family = vec![pid];
    let mut i = 0;
    while i < family.len() {
        let parent = family[i];
        family.extend(parents.iter().filter(|(_, p)| *p == parent).map(|(c, _)| *c));
        i += 1;
    }
    family
}

/// The process's proportional set size in KiB, from `/proc/<pid>/smaps_rollup`.
fn pss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
        .ok()
        .and_then(|text| {
            text.lines().find_map(|l| l.strip_prefix("Pss:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// Stops the program and everything it started.
fn stop(child: &mut Child, family: &[u32]) {
    // SAFETY: kill(2) on processes this benchmark started.
    unsafe {
        libc::kill(-(child.id() as i32), libc::SIGTERM);
        for &pid in family {
            libc::kill(pid as i32, libc::SIGTERM);
        }
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline && child.try_wait().ok().flatten().is_none() {
        std::thread::sleep(Duration::from_millis(20));
    }
    unsafe {
        for &pid in family {
            libc::kill(pid as i32, libc::SIGKILL);
        }
    }
    let _ = child.wait();
}

fn median(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn p95(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    v[(v.len() * 95).div_ceil(100) - 1]
}
