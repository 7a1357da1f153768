//! The tray: today's due count, the due follow-ups (choosing one opens that person),
//! Open Rapport and Quit. Linux trays show no tooltip, so the count is menu text and
//! the tray title where the desktop shows one.

use tauri::menu::{IsMenuItem, Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::{TrayIcon, TrayIconBuilder};
use tauri::{AppHandle, Emitter, Listener, Manager, Runtime};

use crate::notify::OPEN_PERSON;
use crate::DiaryState;

const OPEN: &str = "open";
const QUIT: &str = "quit";
/// Menu ids of due follow-ups carry their person: `person:<id>`.
const PERSON: &str = "person:";
/// Due follow-ups listed in the menu; the window has the rest.
const LISTED: usize = 8;

pub fn create<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let tray = TrayIconBuilder::with_id("rapport")
        .icon(app.default_window_icon().cloned().expect("the app has an icon"))
        .menu(&menu(app)?)
        .on_menu_event(|app, event| {
            let id = event.id().as_ref();
            if id == QUIT {
                app.exit(0);
            } else if id == OPEN {
                crate::show_main_window(app);
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
        let mut due = a.overdue;
        due.extend(a.today);
        due
    });
    let mut items: Vec<Box<dyn IsMenuItem<R>>> = Vec::new();
    match &due {
        Ok(due) => {
            let count = if due.is_empty() { "Nothing due today".to_owned() } else { format!("{} due today", due.len()) };
            items.push(Box::new(MenuItem::with_id(app, "count", count, false, None::<&str>)?));
            for f in due.iter().take(LISTED) {
                let id = f.person.as_ref().map(|p| format!("{PERSON}{}", p.id)).unwrap_or_else(|| OPEN.to_owned());
                items.push(Box::new(MenuItem::with_id(app, id, &f.title, true, None::<&str>)?));
            }
        }
        Err(e) => items.push(Box::new(MenuItem::with_id(app, "error", e.to_string(), false, None::<&str>)?)),
    }
    items.push(Box::new(PredefinedMenuItem::separator(app)?));
    items.push(Box::new(MenuItem::with_id(app, OPEN, "Open Rapport", true, None::<&str>)?));
    items.push(Box::new(MenuItem::with_id(app, QUIT, "Quit", true, None::<&str>)?));
    let refs: Vec<&dyn IsMenuItem<R>> = items.iter().map(|i| i.as_ref()).collect();
    Menu::with_items(app, &refs)
}

/// The due count beside the icon, on desktops that show a tray title (no tooltip on Linux).
fn set_title<R: Runtime>(app: &AppHandle<R>, tray: &TrayIcon<R>) {
    let due = app.state::<DiaryState>().diary().and_then(|d| d.agenda()).map(|a| a.overdue.len() + a.today.len());
    let _ = tray.set_title(match due {
        Ok(0) | Err(_) => None,
        Ok(n) => Some(n.to_string()),
    });
}
