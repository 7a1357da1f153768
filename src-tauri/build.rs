// The app's own commands are listed here so that capabilities/ must grant each one
// the UI uses: a command nobody granted cannot be invoked from the window.
const COMMANDS: &[&str] = &["diary_status", "people_list", "person_get", "person_add", "person_update"];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
