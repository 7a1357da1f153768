//! The desktop shell: glue between the window and rapport-core. Commands live in
//! `commands/`; every rule lives in the core.

pub mod commands;
mod state;

use std::path::PathBuf;

use tauri::{Manager, Runtime};

pub use state::DiaryState;

/// Environment variable that points Rapport at another data directory.
pub const DATA_DIR_ENV: &str = "RAPPORT_DATA_DIR";

/// The app's builder: commands and start-up. Generic over the runtime so command tests
/// can run it on Tauri's mock runtime. `data_dir` `None` means the OS app-data directory.
pub fn builder<R: Runtime>(base: tauri::Builder<R>, data_dir: Option<PathBuf>) -> tauri::Builder<R> {
    let base = base.invoke_handler(commands::handler());
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
        for config in app.config().app.windows.clone() {
            tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?.build()?;
        }
        Ok(())
    })
}

/// The app's configuration, capabilities and embedded `ui/`, for any runtime.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

/// Runs the desktop app on the real data directory (or `RAPPORT_DATA_DIR`).
pub fn run() {
    let data_dir = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()).map(PathBuf::from);
    builder(tauri::Builder::default(), data_dir)
        .run(context())
        .expect("error while running Rapport");
}
