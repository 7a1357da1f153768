//! Every screen at every size: on a lived-in diary, at 800×600, 1024×640 and 1440×900,
//! nothing scrolls sideways, follow-up titles keep their width and no word is broken
//! across lines. A screenshot of each screen at each size, for a person to look at.

use chrono::{Duration, Local, Utc};
use rapport_core::agenda::FollowUpInput;
use rapport_core::people::{NewHandle, PersonEdit};
use rapport_core::storage::DIARY_FILE_NAME;
use rapport_core::touches::TouchInput;
use rapport_core::vocab::{Channel, FollowUpKind, HandlePlatform, Rung};
use rapport_core::Diary;
use rapport_e2e::{tid, App, Desktop};
use serde_json::json;

const SIZES: [(u32, u32); 3] = [(800, 600), (1024, 640), (1440, 900)];

/// The sample diary with a timer running, and someone whose name, company and follow-ups
/// are long; their id.
fn seed(data: &std::path::Path) -> i64 {
    let mut diary = Diary::open(data.join(DIARY_FILE_NAME)).unwrap();
    rapport_sample::fill(&mut diary, rapport_sample::SampleSize::DEMO, 17, Utc::now()).unwrap();
    diary.set_clock(std::sync::Arc::new(rapport_core::clock::SystemClock));
    let id = diary
        .add_person(&PersonEdit {
            display_name: "Maximiliana Wolfeschlegelsteinhausenbergerdorff".into(),
            company: "Internationale Handelsgesellschaft für Landmaschinen".into(),
            title: "Head of Partnerships and Regional Development".into(),
            notes: "Met at the regional fair; wants a proposal before the budget round in spring.".into(),
            handles: vec![NewHandle {
                platform: HandlePlatform::Linkedin,
                value: "maximiliana-wolfeschlegelsteinhausenbergerdorff".into(),
                url: "https://www.linkedin.com/in/maximiliana-wolfeschlegelsteinhausenbergerdorff".into(),
                professional: true,
            }],
            ..Default::default()
        })
        .unwrap()
        .id;
    diary.set_rung(id, Rung::Conversing, "").unwrap();
    for days in [3, 2, 1] {
        let mut touch = TouchInput::new(id, Channel::DirectMessage);
        touch.when = Some(Utc::now() - Duration::days(days));
        touch.platform = Some(HandlePlatform::Linkedin);
        touch.notes = "Asked about the second phase of the rollout and who signs off on it.".into();
        diary.log_touch(&touch).unwrap();
    }
    let today = Local::now().date_naive();
    for (days, title) in [(-2, "Send the revised proposal with the pricing for the second phase"), (0, "Call about the budget round")] {
        diary
            .add_follow_up(&FollowUpInput {
                person_id: Some(id),
                touch_id: None,
                kind: FollowUpKind::Call,
                title: title.into(),
                notes: String::new(),
                due_date: (today + Duration::days(days)).into(),
                due_time: None,
            })
            .unwrap();
    }
    // A running timer: the sidebar shows it on every screen.
    diary.start_timer("linkedin").unwrap();
    id
}

/// Words split across two lines in names and titles, and titles on more than three lines.
const BROKEN: &str = "
    const broken = [];
    const names = '.sidebar .nav a, .card .name, .column h2, .people-list .name, [data-testid=person-name], [data-testid=follow-up-title-text], .nudge .what a, .screen-head h1';
    for (const el of document.querySelectorAll(names)) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node; (node = walker.nextNode());) {
        for (const m of node.data.matchAll(/[^\\s\\-–—·]+/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          if ([...range.getClientRects()].filter((r) => r.width > 0).length > 1) broken.push(`${m[0]} in ${el.textContent}`);
        }
      }
    }
    for (const el of document.querySelectorAll('[data-testid=follow-up-title-text]')) {
      const lines = [...el.getClientRects()].filter((r) => r.width > 0).length;
      if (lines > 3) broken.push(`${el.textContent} on ${lines} lines`);
    }
    return broken;";

/// Opens `hash`, waits for `ready`, and checks and photographs the screen as `name`.
async fn visit(app: &App, (w, h): (u32, u32), name: &str, hash: &str, ready: &str, theme: &str) -> Vec<String> {
    app.go_to_hash(hash).await;
    app.wait_for(ready).await;
    app.wait_for(&tid("sidebar-timer-stop")).await;
    app.screenshot(&format!("layout-{name}-{w}x{h}{theme}")).await;
    let mut problems = Vec::new();
    let wide = app.scrolls_sideways().await;
    if !wide.is_empty() {
        problems.push(format!("{name} at {w}×{h} scrolls sideways: {}", json!(wide)));
    }
    if let Some(found) = app.script(BROKEN, vec![]).await.as_array().filter(|a| !a.is_empty()) {
        problems.push(format!("{name} at {w}×{h} breaks: {}", json!(found)));
    }
    problems
}

/// Every screen at each of `sizes`, in the GTK `theme`; what was wrong, if anything.
async fn every_screen(app: &App, id: i64, sizes: &[(u32, u32)], theme: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let person = format!("#people/{id}");
    let edit = format!("#people/{id}/edit");
    for &size in sizes {
        app.resize(size.0, size.1).await;
        for (name, hash, ready) in [
            ("today", "#today", tid("nudges")),
            ("people", "#people", tid("person-row")),
            ("person", person.as_str(), tid("person-name")),
            ("person-form", edit.as_str(), tid("field-display_name")),
            ("ladder", "#ladder", tid("ladder-card")),
            ("funnel", "#funnel", tid("funnel-origin-all")),
            ("diary", "#diary", tid("touch-row")),
            ("time", "#time", tid("budgets")),
            ("week", "#week", tid("fig-personal")),
            ("settings", "#settings", tid("settings-save")),
        ] {
            problems.extend(visit(app, size, name, hash, &ready, theme).await);
        }
    }
    problems
}

#[tokio::test(flavor = "multi_thread")]
async fn every_screen_fits_every_size_from_800x600_to_1440x900() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let id = seed(data.path());
    let app = desktop.launch(data.path()).await;
    let mut problems = every_screen(&app, id, &SIZES, "").await;
    // Back to the smallest after the largest: nothing is left over from a wider layout.
    app.resize(800, 600).await;
    problems.extend(visit(&app, (800, 600), "today-again", "#today", &tid("nudges"), "").await);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn on_a_dark_desktop_every_screen_fits_800x600() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let id = seed(data.path());
    let app = desktop.launch_themed(data.path(), "Adwaita:dark").await;
    let problems = every_screen(&app, id, &[(800, 600)], "-dark").await;
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    app.quit().await;
}

/// The first Ladder column's controls (its count, cards and "more") where they can be
/// seen, clipped by every box that scrolls around them, that a toast's rectangle overlaps.
const COVERED: &str = "
    const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const seen = (el) => {
      let r = el.getBoundingClientRect();
      let box = { left: Math.max(r.left, 0), top: Math.max(r.top, 0), right: Math.min(r.right, innerWidth), bottom: Math.min(r.bottom, innerHeight) };
      for (let p = el.parentElement; p; p = p.parentElement) {
        if (getComputedStyle(p).overflowY === 'visible' && getComputedStyle(p).overflowX === 'visible') continue;
        const c = p.getBoundingClientRect();
        box = { left: Math.max(box.left, c.left), top: Math.max(box.top, c.top), right: Math.min(box.right, c.right), bottom: Math.min(box.bottom, c.bottom) };
      }
      return box.right > box.left && box.bottom > box.top ? box : null;
    };
    const toasts = [...document.querySelectorAll('.toasts > .toast')].map((t) => t.getBoundingClientRect());
    if (!toasts.length) return ['no toast showing'];
    const covered = [];
    for (const el of document.querySelectorAll(arguments[0])) {
      const box = seen(el);
      if (box && toasts.some((t) => overlap(t, box))) covered.push(el.textContent.trim().slice(0, 40));
    }
    return covered;";

/// At 800×600 a card moved on by keyboard says so in a toast, which leaves the first
/// column's controls clear; in the GTK `theme`, photographed as `name`.
async fn a_toast_on_the_ladder_at_800x600(theme: &str, name: &str) {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    seed(data.path());
    let app = desktop.launch_themed(data.path(), theme).await;
    app.resize(800, 600).await;
    let ladder = app.open_ladder().await;
    app.wait_for(&rapport_e2e::tid_in("column-noticed", "ladder-card")).await;
    ladder.move_up("noticed").await;
    app.wait_for(&format!("{} .toast", tid("toasts"))).await;
    // Photographed first: that waits until the page has painted with the toast.
    app.screenshot(name).await;
    let controls = format!("{} :is(a, button, [tabindex])", tid("column-noticed"));
    let covered = app.script(COVERED, vec![json!(controls)]).await;
    assert_eq!(covered, json!([]), "the toast covers these controls of the first column");
    assert!(app.scrolls_sideways().await.is_empty());
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn at_800x600_a_toast_leaves_the_first_ladder_column_s_controls_clear() {
    a_toast_on_the_ladder_at_800x600("Adwaita", "layout-ladder-toast-800x600").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn on_a_dark_desktop_at_800x600_a_toast_leaves_the_first_ladder_column_clear() {
    a_toast_on_the_ladder_at_800x600("Adwaita:dark", "layout-ladder-toast-800x600-dark").await;
}
