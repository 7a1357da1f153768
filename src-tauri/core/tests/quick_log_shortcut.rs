//! The quick log's global shortcut: none until set, kept apart from the settings form,
//! and refused when it would take a key the user types.

mod common;

use common::Fixture;

#[test]
fn no_shortcut_until_the_user_sets_one_and_clearing_it_leaves_none() {
    let mut f = Fixture::new();
    assert_eq!(f.diary.quick_log_shortcut().unwrap(), None);
    assert_eq!(f.diary.set_quick_log_shortcut(Some(" alt + control + l ")).unwrap().as_deref(), Some("Ctrl+Alt+L"));
    assert_eq!(f.diary.quick_log_shortcut().unwrap().as_deref(), Some("Ctrl+Alt+L"));
    // Saving every other setting leaves it as it is.
    let settings = f.diary.settings().unwrap();
    f.diary.update_settings(settings).unwrap();
    assert_eq!(f.diary.quick_log_shortcut().unwrap().as_deref(), Some("Ctrl+Alt+L"));
    assert_eq!(f.diary.set_quick_log_shortcut(Some("   ")).unwrap(), None);
    assert_eq!(f.diary.quick_log_shortcut().unwrap(), None);
    assert_eq!(f.diary.set_quick_log_shortcut(Some("Meta+Shift+F12")).unwrap().as_deref(), Some("Shift+Super+F12"));
    assert_eq!(f.diary.set_quick_log_shortcut(Some("ctrl+ctrl+k")).unwrap().as_deref(), Some("Ctrl+K"));
    assert_eq!(f.diary.set_quick_log_shortcut(None).unwrap(), None);
    assert_eq!(f.diary.quick_log_shortcut().unwrap(), None);
}

#[test]
fn a_shortcut_that_would_take_a_typed_key_is_refused_and_the_last_one_kept() {
    let mut f = Fixture::new();
    f.diary.set_quick_log_shortcut(Some("Ctrl+Alt+L")).unwrap();
    let refused = |f: &mut Fixture, keys: &str| {
        let err = f.diary.set_quick_log_shortcut(Some(keys)).unwrap_err();
        assert_eq!(err.field(), Some("shortcut"), "{keys}: {err}");
        err.to_string()
    };
    assert!(refused(&mut f, "L").contains("needs Ctrl, Alt or Super"));
    assert!(refused(&mut f, "Shift+L").contains("needs Ctrl, Alt or Super"));
    assert!(refused(&mut f, "Ctrl+Alt").contains("needs Ctrl, Alt or Super"));
    assert!(refused(&mut f, "Ctrl+").contains("not a key combination"));
    assert!(refused(&mut f, "+L").contains("not a key combination"));
    assert!(refused(&mut f, "Ctrl+\nL").contains("not a key combination"));
    assert!(refused(&mut f, &format!("Ctrl+{}", "A".repeat(80))).contains("not a key combination"));
    assert_eq!(refused(&mut f, "Hyper+L"), "“Hyper” is not Ctrl, Alt, Shift or Super.");
    assert_eq!(f.diary.quick_log_shortcut().unwrap().as_deref(), Some("Ctrl+Alt+L"));
}
