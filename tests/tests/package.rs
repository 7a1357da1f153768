//! The installable package: `make package` builds a .deb with Tauri's bundler; this checks
//! what is in it, validates its desktop entry, installs it, opens the installed app on a
//! scratch diary, removes the package and finds the diary still there. Run by
//! `make package-test` (part of `make test`), as root or with sudo.

use std::path::{Path, PathBuf};
use std::process::Command;

use rapport_e2e::{target_dir, Desktop};

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn deb() -> PathBuf {
    let deb = target_dir().join(format!("release/bundle/deb/Rapport_{VERSION}_amd64.deb"));
    assert!(deb.exists(), "{} is missing: run make package first", deb.display());
    deb
}

fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(out.status.success(), "{program} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs a command as root: directly when root, else through sudo.
fn as_root(args: &[&str]) -> String {
    if unsafe { libc::geteuid() } == 0 {
        run(args[0], &args[1..])
    } else {
        run("sudo", args)
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the .deb: make package-test builds it and runs this"]
async fn the_deb_installs_opens_and_uninstalls_leaving_the_diary() {
    let deb = deb();
    let deb_path = deb.to_str().unwrap();
    let info = run("dpkg-deb", &["--info", deb_path]);
    for line in ["Package: rapport", "Architecture: amd64", "Section: utils"] {
        assert!(info.contains(line), "{line:?} not in:\n{info}");
    }
    let depends = info.lines().find(|l| l.trim_start().starts_with("Depends:")).expect("a Depends line");
    for needed in ["libwebkit2gtk-4.1-0", "libgtk-3-0", "libayatana-appindicator3-1"] {
        assert!(depends.contains(needed), "{needed} not in {depends}");
    }
    let contents = run("dpkg-deb", &["--contents", deb_path]);
    let mut files = vec!["usr/bin/rapport".to_owned(), "usr/share/applications/Rapport.desktop".to_owned()];
    // Every size the hicolor icon theme looks in.
    files.extend([16, 24, 32, 48, 64, 128, 256, 512].map(|n| format!("usr/share/icons/hicolor/{n}x{n}/apps/rapport.png")));
    for file in files {
        assert!(
            contents.lines().any(|l| l.ends_with(&format!(" {file}")) || l.ends_with(&format!("./{file}"))),
            "{file} not in the package:\n{contents}"
        );
    }
    let installed_kb: u64 = info.lines().find_map(|l| l.trim().strip_prefix("Installed-Size:")).unwrap().trim().parse().unwrap();
    eprintln!("package: {} bytes, installed {} KiB", std::fs::metadata(&deb).unwrap().len(), installed_kb);

    // The desktop entry as installed, checked by the freedesktop validator.
    let unpacked = tempfile::tempdir().unwrap();
    run("dpkg-deb", &["-x", deb_path, unpacked.path().to_str().unwrap()]);
    let entry = unpacked.path().join("usr/share/applications/Rapport.desktop");
    run("desktop-file-validate", &[entry.to_str().unwrap()]);
    let text = std::fs::read_to_string(&entry).unwrap();
    for line in ["Name=Rapport", "Exec=rapport", "Icon=rapport", "Categories=Office;ContactManagement;"] {
        assert!(text.lines().any(|l| l == line), "{line:?} not in:\n{text}");
    }

    as_root(&["dpkg", "-i", deb_path]);
    let binary = Path::new("/usr/bin/rapport");
    assert!(binary.exists());
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let app = desktop.launch_binary(binary, data.path(), "Adwaita").await;
    let settings = app.open_settings().await;
    settings.wait_for_version(VERSION).await;
    let diary = data.path().join("rapport.sqlite3");
    assert_eq!(settings.diary_file().await, diary.display().to_string());
    settings.scroll_to_about().await;
    app.screenshot("about").await;
    app.quit().await;

    as_root(&["dpkg", "-r", "rapport"]);
    assert!(!binary.exists(), "removing the package removes the app");
    assert!(diary.exists(), "removing the package never touches the diary");
}
