//! What the window may do is reviewed, not accumulated: the capability grants exactly
//! the app's own commands plus the listed core permissions, every command the shell
//! declares is granted once, and the content security policy allows no remote origin
//! and no inline script. A new permission makes this test fail until it is reviewed here.

use std::collections::BTreeSet;

use serde_json::Value;

fn json(path: &str) -> Value {
    let text = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Core (non-command) permissions, each reviewed: the UI listens for `diary-changed`,
/// reminders and "open this person / week" events, and nothing else.
const REVIEWED_CORE: &[&str] = &["core:event:allow-listen", "core:event:allow-unlisten"];

/// The app's own commands, from `build.rs` (what the capability may name).
fn declared_commands() -> BTreeSet<String> {
    let build = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/build.rs")).unwrap();
    let list = build.split("const COMMANDS").nth(1).unwrap().split("];").next().unwrap();
    list.split('"').skip(1).step_by(2).map(|c| format!("allow-{}", c.replace('_', "-"))).collect()
}

#[test]
fn the_window_is_granted_exactly_the_reviewed_permissions() {
    let capability = json("capabilities/default.json");
    assert_eq!(capability["windows"], serde_json::json!(["main"]), "one window, named");
    let granted: Vec<String> = capability["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_owned()).collect();
    let unique: BTreeSet<String> = granted.iter().cloned().collect();
    assert_eq!(unique.len(), granted.len(), "a permission granted twice");
    let (core, own): (BTreeSet<String>, BTreeSet<String>) = unique.into_iter().partition(|p| p.contains(':'));
    assert_eq!(core, REVIEWED_CORE.iter().map(|p| p.to_string()).collect(), "a plugin or core permission changed: review it here");
    assert_eq!(own, declared_commands(), "every declared command granted, nothing else");
    // No remote URLs may reach the IPC.
    assert!(capability.get("remote").is_none());
}

#[test]
fn the_content_security_policy_allows_nothing_remote_and_no_inline_script() {
    let config = json("tauri.conf.json");
    let csp = config["app"]["security"]["csp"].as_object().expect("a CSP");
    for (directive, value) in csp {
        let value = value.as_str().unwrap();
        for source in value.split_whitespace() {
            let local = matches!(source, "'self'" | "'none'" | "data:" | "ipc:" | "http://ipc.localhost");
            assert!(local, "{directive} allows {source}");
        }
        assert!(!value.contains("unsafe-inline") && !value.contains("unsafe-eval"), "{directive}: {value}");
    }
    for directive in ["default-src", "script-src", "object-src", "connect-src"] {
        assert!(csp.contains_key(directive), "{directive} is set");
    }
    assert_eq!(config["app"]["security"]["freezePrototype"], true);
    assert!(config["build"].get("devUrl").is_none(), "the window loads the bundled UI, never a server");
}
