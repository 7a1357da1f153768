//! The desktop shell: glue between the window and rapport-core. Commands live in
//! `commands/`, the OS parts (notifications, the scheduler, the tray) beside them; every
//! rule lives in the core.

pub mod commands;
mod notify;
mod scheduler;
pub mod shortcut;
mod state;
mod sync;
mod tray;
pub mod watcher;

use std::path::PathBuf;

use tauri::{AppHandle, Manager, Runtime, WindowEvent};

pub use notify::{NotificationStatus, Notifier};
pub use state::DiaryState;
pub use watcher::{Watcher, WatcherStatus};

/// Environment variable that points Rapport at another data directory.
pub const DATA_DIR_ENV: &str = "RAPPORT_DATA_DIR";
/// The argument the login item starts Rapport with: into the tray, no window.
pub const HIDDEN: &str = "--hidden";

/// The app's builder: commands and start-up. Generic over the runtime so command tests
/// can run it on Tauri's mock runtime. `data_dir` `None` means the OS app-data directory.
pub fn builder<R: Runtime>(base: tauri::Builder<R>, data_dir: Option<PathBuf>) -> tauri::Builder<R> {
    let base = base
        .manage(commands::diary::Started(std::time::Instant::now()))
        .plugin(tauri_plugin_autostart::Builder::new().arg(HIDDEN).build())
        .plugin(tauri_plugin_dialog::init())
        .manage(commands::transfer::ChosenFiles::default())
        .manage(commands::archive::LastReading::default())
        .manage(Watcher::default())
        .manage(shortcut::QuickLogShortcut::default())
        .manage(sync::SyncRounds::default())
        .invoke_handler(commands::handler());
    let base = match data_dir {
        Some(dir) => base.manage(DiaryState::open(&dir)),
        None => base,
    };
    base.setup(|app| {
        if app.try_state::<DiaryState>().is_none() {
            let dir = app.path().app_data_dir()?;
            app.manage(DiaryState::open(&dir));
        }
        // The window is made only now, so its first request always finds the diary.
        // Started at login, it waits hidden in the tray; started to log a touch, the log
        // shows once the window is ready, and the window goes to the tray after it.
        let hidden = std::env::args().any(|a| a == HIDDEN) || shortcut::launched_for_quick_log();
        for config in app.config().app.windows.clone() {
            tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?.visible(!hidden).build()?;
        }
        // The OS parts. (Tauri's mock runtime never runs setup, so command tests skip them.)
        let icon = notification_icon(app.state::<DiaryState>().path());
        app.manage(Notifier::new(icon));
        // A window's first screen comes before the tray (whose menu reads the agenda and
        // whose D-Bus setup would hold up the first paint), or a few seconds on whatever
        // the window does; started hidden, the tray is all there is.
        if hidden {
            make_tray(app.handle());
        } else {
            let handle = app.handle().clone();
            std::thread::spawn(move || {
                std::thread::sleep(TRAY_AT_THE_LATEST);
                make_tray(&handle);
            });
        }
        scheduler::start(app.handle());
        watcher::start(app.handle());
        shortcut::start(app.handle());
        sync::start(app.handle());
        Ok(())
    })
}

/// The app's configuration, capabilities and embedded `ui/`, for any runtime.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

/// Runs the desktop app on the real data directory (or `RAPPORT_DATA_DIR`): one
/// instance, living in the tray, reminding.
pub fn run() {
    let data_dir = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()).map(PathBuf::from);
    // A second launch shows the first window instead of starting a second scheduler;
    // `rapport --quick-log` (a desktop's own shortcut) opens the quick log there.
    let base = tauri::Builder::default().plugin(tauri_plugin_single_instance::init(|app, args, _| {
        if args.iter().any(|a| a == shortcut::QUICK_LOG) {
            shortcut::open_from_anywhere(app);
        } else {
            show_main_window(app);
        }
    }));
    builder(base, data_dir)
        .on_window_event(|window, event| match event {
            // Closing the window hides it; reminders keep coming. Quit is in the tray.
            WindowEvent::CloseRequested { api, .. } if window.app_handle().tray_by_id(tray::ID).is_some() => {
                api.prevent_close();
                let _ = window.hide();
            }
            WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) => file_dropped(window.app_handle(), paths),
            _ => {}
        })
        .run(context())
        .expect("error while running Rapport");
}

/// Files dropped on the window: the first is offered for import (the window hears
/// `import-dropped` with its path, which import then accepts).
pub fn file_dropped<R: Runtime>(app: &AppHandle<R>, paths: &[PathBuf]) {
    commands::transfer::dropped(app, &app.state::<commands::transfer::ChosenFiles>(), paths);
}

/// How long after start the tray is made if the window never said its first screen showed.
const TRAY_AT_THE_LATEST: std::time::Duration = std::time::Duration::from_secs(5);

/// Makes the tray icon, once, on the main thread as GTK wants.
pub(crate) fn make_tray<R: Runtime>(app: &AppHandle<R>) {
    let handle = app.clone();
    let _ = app.run_on_main_thread(move || {
        if handle.tray_by_id(tray::ID).is_none() {
            if let Err(e) = tray::create(&handle) {
                eprintln!("rapport: no tray icon ({e}); the window stays the way in");
            }
        }
    });
}

/// Shows, unminimises and focuses the main window.
pub(crate) fn show_main_window<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.show();
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
}

/// The app icon as a file beside the diary, for notification servers that want a path.
fn notification_icon(diary: &std::path::Path) -> Option<PathBuf> {
    let path = diary.with_file_name("rapport-icon.png");
    if !path.exists() {
        std::fs::write(&path, include_bytes!("../../icons/128x128.png")).ok()?;
    }
    Some(path)
}
