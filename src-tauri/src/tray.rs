//! The tray: today's due count, the due follow-ups (choosing one opens that person),
//! Open Rapport and Quit. Linux trays show no tooltip, so the count is menu text and
//! the tray title where the desktop shows one.

use rapport_core::clock::durations::duration_text;
use tauri::menu::{IsMenuItem, Menu, MenuItem, PredefinedMenuItem, Submenu};
use tauri::tray::{TrayIcon, TrayIconBuilder};
use tauri::{AppHandle, Emitter, Listener, Manager, Runtime};

use crate::notify::OPEN_PERSON;
use crate::DiaryState;

/// The tray icon's id.
pub const ID: &str = "rapport";
const OPEN: &str = "open";
const TIMER_STOP: &str = "timer-stop";
/// Menu ids that start a timer carry the platform: `timer-start:<key>`.
const TIMER_START: &str = "timer-start:";
const QUIT: &str = "quit";
/// Menu ids of due follow-ups carry their person: `person:<id>`.
const PERSON: &str = "person:";
/// Menu items that pause measured time or turn it back on: `capture:<choice>`.
const CAPTURE: &str = "capture:";
/// Due follow-ups listed in the menu; the window has the rest.
const LISTED: usize = 8;

pub fn create<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let tray = TrayIconBuilder::with_id(ID)
        .icon(app.default_window_icon().cloned().expect("the app has an icon"))
        .menu(&menu(app)?)
        .on_menu_event(|app, event| {
            let id = event.id().as_ref();
            if id == QUIT {
                app.exit(0);
            } else if id == OPEN {
                crate::show_main_window(app);
            } else if id == TIMER_STOP {
                timer(app, |d| d.stop_timer().map(drop));
            } else if let Some(platform) = id.strip_prefix(TIMER_START) {
                timer(app, |d| d.start_timer(platform).map(drop));
            } else if let Some(choice) = id.strip_prefix(CAPTURE).and_then(|c| serde_json::from_value(serde_json::json!(c)).ok()) {
                timer(app, |d| d.set_capture(choice).map(drop));
            } else if let Some(person) = id.strip_prefix(PERSON).and_then(|p| p.parse::<i64>().ok()) {
                crate::show_main_window(app);
                let _ = app.emit(OPEN_PERSON, person);
            }
        })
        .build(app)?;
    set_title(app, &tray);
    let handle = app.clone();
    app.listen_any(crate::commands::DIARY_CHANGED, move |_| refresh(&handle, &tray));
    Ok(())
}

fn refresh<R: Runtime>(app: &AppHandle<R>, tray: &TrayIcon<R>) {
    set_title(app, tray);
    match menu(app) {
        Ok(menu) => {
            let _ = tray.set_menu(Some(menu));
        }
        Err(e) => eprintln!("rapport: the tray menu could not be rebuilt: {e}"),
    }
}

fn menu<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let due = app.state::<DiaryState>().diary().and_then(|d| d.agenda()).map(|a| {
        let total = a.due_now();
        let mut due = a.overdue;
        due.extend(a.today);
        (total, due)
    });
    let mut items: Vec<Box<dyn IsMenuItem<R>>> = Vec::new();
    match &due {
        Ok((total, due)) => {
            let count = if *total == 0 { "Nothing due today".to_owned() } else { format!("{total} due today") };
            items.push(Box::new(MenuItem::with_id(app, "count", count, false, None::<&str>)?));
            for f in due.iter().take(LISTED) {
                let id = f.person.as_ref().map(|p| format!("{PERSON}{}", p.id)).unwrap_or_else(|| OPEN.to_owned());
                items.push(Box::new(MenuItem::with_id(app, id, &f.title, true, None::<&str>)?));
            }
        }
        Err(e) => items.push(Box::new(MenuItem::with_id(app, "error", e.to_string(), false, None::<&str>)?)),
    }
    items.push(Box::new(PredefinedMenuItem::separator(app)?));
    items.extend(timer_items(app)?);
    items.extend(capture_items(app)?);
    items.push(Box::new(PredefinedMenuItem::separator(app)?));
    items.push(Box::new(MenuItem::with_id(app, OPEN, "Open Rapport", true, None::<&str>)?));
    items.push(Box::new(MenuItem::with_id(app, QUIT, "Quit", true, None::<&str>)?));
    let refs: Vec<&dyn IsMenuItem<R>> = items.iter().map(|i| i.as_ref()).collect();
    Menu::with_items(app, &refs)
}

/// The due count beside the icon, on desktops that show a tray title (no tooltip on Linux).
fn set_title<R: Runtime>(app: &AppHandle<R>, tray: &TrayIcon<R>) {
    let due = app.state::<DiaryState>().diary().and_then(|d| d.agenda()).map(|a| a.due_now());
    let _ = tray.set_title(match due {
        Ok(0) | Err(_) => None,
        Ok(n) => Some(n.to_string()),
    });
}

/// The social-media timer: Stop while one runs, otherwise a submenu to start one, under
/// a line with this week's time against the budget.
fn timer_items<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Vec<Box<dyn IsMenuItem<R>>>> {
    let entries = match app.state::<DiaryState>().diary().and_then(|d| timer_entries(&d)) {
        Ok(entries) => entries,
        Err(_) => return Ok(Vec::new()),
    };
    let mut items: Vec<Box<dyn IsMenuItem<R>>> = Vec::new();
    let mut starts: Vec<MenuItem<R>> = Vec::new();
    for (id, text, enabled) in entries {
        let item = MenuItem::with_id(app, &id, text, enabled, None::<&str>)?;
        if id.starts_with(TIMER_START) {
            starts.push(item);
        } else {
            items.push(Box::new(item));
        }
    }
    if !starts.is_empty() {
        let refs: Vec<&dyn IsMenuItem<R>> = starts.iter().map(|i| i as &dyn IsMenuItem<R>).collect();
        items.push(Box::new(Submenu::with_items(app, "Start a timer", true, &refs)?));
    }
    Ok(items)
}

/// The timer's menu entries as (id, text, enabled), computed from the diary.
fn timer_entries(diary: &rapport_core::Diary) -> rapport_core::Result<Vec<(String, String, bool)>> {
    let platforms = diary.platforms()?;
    let label = |key: &str| platforms.iter().find(|p| p.key == key).map_or(key.to_owned(), |p| p.label.clone());
    let mut entries = Vec::new();
    if let Some(all) = diary.budget_status()?.uses.first() {
        let used = match all.budget_minutes {
            Some(b) => format!("{} of {} this week", duration_text(all.used_seconds), duration_text(i64::from(b) * 60)),
            None => format!("{} this week", duration_text(all.used_seconds)),
        };
        entries.push(("time-used".to_owned(), used, false));
    }
    match diary.running_timer()? {
        Some(t) => {
            let since = t.session.started_at.with_timezone(&chrono::Local).format("%H:%M");
            entries.push((TIMER_STOP.to_owned(), format!("Stop the {} timer (since {since})", label(&t.session.platform)), true));
        }
        None => entries.extend(platforms.iter().map(|p| (format!("{TIMER_START}{}", p.key), p.label.clone(), true))),
    }
    Ok(entries)
}

/// Runs a timer change from the tray and tells everyone.
/// Pausing measured time, or measuring again, while it is on (Settings turns it on).
fn capture_items<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Vec<Box<dyn IsMenuItem<R>>>> {
    use rapport_core::time::watch::Capture;
    let status = app.state::<DiaryState>().diary().and_then(|d| d.capture_status());
    let entries: &[(&str, &str)] = match status.map(|s| s.capture) {
        Ok(Capture::On) => {
            &[("pause_for_an_hour", "Pause measuring for an hour"), ("pause_until_tomorrow", "Pause measuring until tomorrow")]
        }
        Ok(Capture::Paused { .. }) => &[("on", "Measure time again")],
        _ => &[],
    };
    let mut items: Vec<Box<dyn IsMenuItem<R>>> = Vec::new();
    for (choice, text) in entries {
        items.push(Box::new(MenuItem::with_id(app, format!("{CAPTURE}{choice}"), *text, true, None::<&str>)?));
    }
    Ok(items)
}

fn timer<R: Runtime>(app: &AppHandle<R>, change: impl FnOnce(&mut rapport_core::Diary) -> rapport_core::Result<()>) {
    let result = app.state::<DiaryState>().diary().and_then(|mut d| change(&mut d));
    match result {
        Ok(()) => crate::commands::announce_change(app),
        Err(e) => eprintln!("rapport: the timer could not be changed from the tray: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::{TimeZone, Utc};
    use rapport_core::clock::FixedClock;
    use rapport_core::Diary;

    use super::*;

    #[test]
    fn the_tray_shows_the_running_timer_and_offers_stop() {
        let dir = tempfile::tempdir().unwrap();
        let start = Utc.with_ymd_and_hms(2026, 3, 31, 9, 0, 0).unwrap();
        let mut diary = Diary::open_with_clock(dir.path().join("d.sqlite3"), Arc::new(FixedClock::utc(start))).unwrap();
        let idle = timer_entries(&diary).unwrap();
        assert_eq!(idle[0], ("time-used".into(), "0 min of 5 h this week".into(), false));
        assert!(idle.iter().any(|(id, text, _)| id == "timer-start:linkedin" && text == "LinkedIn"));

        diary.start_timer("linkedin").unwrap();
        diary.set_clock(Arc::new(FixedClock::utc(start + chrono::Duration::minutes(75))));
        let since = start.with_timezone(&chrono::Local).format("%H:%M");
        assert_eq!(
            timer_entries(&diary).unwrap(),
            [
                ("time-used".into(), "1 h 15 min of 5 h this week".into(), false),
                ("timer-stop".into(), format!("Stop the LinkedIn timer (since {since})"), true),
            ]
        );
    }
}
