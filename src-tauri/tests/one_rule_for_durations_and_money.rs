//! The window writes durations and money with `ui/format.js`; the notifications, the tray
//! and the week's Markdown with the core's functions. Each is one rule, so the same
//! figure must read the same in both: this runs the window's module in node and compares.

use std::path::Path;
use std::process::Command;

use rapport_core::clock::durations::duration_text;
use rapport_core::vocab::money::money_text;
use serde_json::{json, Value};

const SECONDS: [i64; 20] = [0, 1, 29, 30, 59, 60, 89, 90, 149, 150, 3599, 3600, 3630, 3660, 4890, 5400, 36_000, 604_800, -1, -4890];

/// Hundredths and a currency; `None` is how the window passes "no currency".
const AMOUNTS: [(i64, Option<&str>); 12] = [
    (0, Some("EUR")),
    (0, Some("")),
    (5, Some("")),
    (99, Some("USD")),
    (100_000, Some("EUR")),
    (120_000, Some("EUR")),
    (120_050, None),
    (99_999_999, Some("CHF")),
    (123_456_789, Some("EUR")),
    (-250, Some("")),
    (-250, Some("EUR")),
    (-123_456_789, None),
];

/// What `ui/format.js` writes for the table, run in node.
fn window_texts() -> Value {
    let format_js = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/format.js").canonicalize().expect("ui/format.js");
    let table = json!({ "seconds": SECONDS, "amounts": AMOUNTS });
    let script = "import { pathToFileURL } from 'node:url';
        const [path, table] = process.argv.slice(1);
        const { duration, money } = await import(pathToFileURL(path).href);
        const { seconds, amounts } = JSON.parse(table);
        console.log(JSON.stringify({
          durations: seconds.map(duration),
          money: amounts.map(([cents, currency]) => money({ cents, currency })),
        }));";
    let out = Command::new("node")
        .args(["--input-type=module", "-e", script])
        .arg(&format_js)
        .arg(table.to_string())
        .output()
        .unwrap_or_else(|e| panic!("node is needed to run the window's ui/format.js ({e}); make test installs nodejs"));
    assert!(out.status.success(), "node could not run ui/format.js:\n{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("node printed JSON")
}

#[test]
fn the_window_and_the_core_write_durations_and_money_alike() {
    let window = window_texts();
    let mut differ = Vec::new();
    for (i, seconds) in SECONDS.iter().enumerate() {
        let (js, rust) = (&window["durations"][i], duration_text(*seconds));
        if js != rust.as_str() {
            differ.push(format!("duration of {seconds} s: window {js}, core {rust:?}"));
        }
    }
    for (i, (cents, currency)) in AMOUNTS.iter().enumerate() {
        let (js, rust) = (&window["money"][i], money_text(*cents, currency.unwrap_or("")));
        if js != rust.as_str() {
            differ.push(format!("money of {cents} cents {currency:?}: window {js}, core {rust:?}"));
        }
    }
    assert!(differ.is_empty(), "ui/format.js and the core disagree:\n{}", differ.join("\n"));
}
