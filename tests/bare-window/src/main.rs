//! A bare Tauri window on Rapport's own stack: one page that, once shown, says so over
//! IPC. `make bench` starts it beside Rapport, so Rapport's start-up time and memory
//! read as a ratio over what any window of this stack costs.

/// The page is up: one line on standard error, which the benchmark waits for.
#[tauri::command]
fn ready() {
    eprintln!("bare window: first screen ready");
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!())
        .expect("the bare window runs");
}
