//! Rapport never goes on the network: while it is used, neither its process nor the
//! WebKit processes it starts hold an internet socket to anywhere but this machine.

use rapport_e2e::{app_processes, remote_sockets, Desktop};

#[tokio::test(flavor = "multi_thread")]
async fn the_app_and_its_webkit_processes_talk_to_no_one_outside_this_machine() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let app = desktop.launch(data.path()).await;
    app.open_people().await.add("Ana Lima", "Acme", "analima").await;
    for screen in ["today", "ladder", "diary", "time", "week", "settings"] {
        app.go_to(screen).await;
        app.wait_for("main#screen h1").await;
    }
    let pids = app_processes(data.path());
    assert!(pids.len() >= 2, "the app and its web process are found: {pids:?}");
    let names: Vec<String> =
        pids.iter().filter_map(|p| std::fs::read_to_string(format!("/proc/{p}/comm")).ok()).map(|n| n.trim().to_owned()).collect();
    eprintln!("processes: {names:?}");
    assert_eq!(remote_sockets(&pids), Vec::<String>::new());
    app.quit().await;
}

#[test]
fn the_probe_sees_a_socket_to_another_machine() {
    // A UDP socket "connected" to a documentation address sends nothing, but shows up.
    let socket = std::net::UdpSocket::bind("0.0.0.0:0").unwrap();
    socket.connect("192.0.2.1:9").unwrap();
    let found = remote_sockets(&[std::process::id()]);
    assert!(found.iter().any(|s| s.ends_with("-> 010200C0:0009")), "{found:?}");
    drop(socket);
}
