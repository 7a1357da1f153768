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
    base.invoke_handler(commands::handler())
        .setup(move |app| {
            let dir = match data_dir.clone() {
                Some(dir) => dir,
                None => app.path().app_data_dir()?,
            };
            app.manage(DiaryState::open(&dir));
            Ok(())
        })
}

/// Runs the desktop app on the real data directory (or `RAPPORT_DATA_DIR`).
pub fn run() {
    let data_dir = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()).map(PathBuf::from);
    builder(tauri::Builder::default(), data_dir)
        .run(tauri::generate_context!())
        .expect("error while running Rapport");
}
