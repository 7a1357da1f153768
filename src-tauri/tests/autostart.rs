//! The "start at login" switch creates and removes the real login item. Alone in its
//! own test binary because it points HOME at a scratch folder.

mod common;

use serde_json::json;
use tauri::test::mock_builder;
use tauri::WebviewWindowBuilder;

#[test]
fn turning_start_at_login_on_and_off_creates_and_removes_the_login_item() {
    let home = tempfile::tempdir().unwrap();
    // SAFETY: this test binary runs this one test; nothing else reads the environment.
    unsafe { std::env::set_var("HOME", home.path()) };
    let data = tempfile::tempdir().unwrap();
    let app = rapport_lib::builder(mock_builder(), Some(data.path().to_path_buf())).build(rapport_lib::context()).unwrap();
    let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    let invoke = |cmd: &str, args| common::invoke(&window, cmd, args);
    let item = home.path().join(".config/autostart/Rapport.desktop");

    assert_eq!(invoke("autostart_get", json!({})).unwrap(), json!(false), "off by default");
    assert_eq!(invoke("autostart_set", json!({ "enabled": true })).unwrap(), json!(true));
    let entry = std::fs::read_to_string(&item).expect("a login item");
    assert!(entry.contains("--hidden"), "it starts in the tray: {entry}");
    assert_eq!(invoke("autostart_get", json!({})).unwrap(), json!(true));
    assert_eq!(invoke("autostart_set", json!({ "enabled": false })).unwrap(), json!(false));
    assert!(!item.exists(), "the login item is gone");
}
