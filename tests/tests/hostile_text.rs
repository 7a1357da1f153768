//! Markup in any field stays text on every screen: a payload in each field the diary
//! stores (seeded through the core, so the window sees only what it reads back), then
//! every screen visited. Each shows its payloads verbatim, no element is made from them
//! and nothing runs.

use chrono::{Duration, Local, Utc};
use rapport_core::agenda::FollowUpInput;
use rapport_core::people::{NewHandle, PersonEdit};
use rapport_core::storage::DIARY_FILE_NAME;
use rapport_core::time::SessionInput;
use rapport_core::touches::TouchInput;
use rapport_core::vocab::{Channel, FollowUpKind, HandlePlatform, Rung};
use rapport_core::Diary;
use rapport_e2e::{eventually, ok_if, App, Desktop};
use serde_json::json;

/// The payload for `field`: an element with a handler, and a custom element naming the
/// field. 60 characters at most, the shortest limit (tags, platform names).
fn payload(field: &str) -> String {
    format!("<img src=x onerror=top.pwned=1><x-p>{field}</x-p>")
}

/// Opens `hash`, waits until the screen shows each field's payload as text, then checks
/// that no payload became an element or ran.
async fn visit(app: &App, hash: &str, fields: &[&str]) {
    app.go_to_hash(hash).await;
    for field in fields {
        app.wait_for_screen_text(&payload(field)).await;
    }
    let injected = app.script("return [document.querySelectorAll('x-p, img[src=x]').length, window.pwned ?? null]", vec![]).await;
    assert_eq!(injected, json!([0, null]), "{hash}: markup became elements or ran");
}

#[tokio::test(flavor = "multi_thread")]
async fn markup_in_every_field_stays_text_on_every_screen() {
    let data = tempfile::tempdir().unwrap();
    let mut diary = Diary::open(data.path().join(DIARY_FILE_NAME)).unwrap();
    let id = diary
        .add_person(&PersonEdit {
            display_name: payload("name"),
            company: payload("company"),
            title: payload("title"),
            how_met: payload("how"),
            why_matters: payload("why"),
            notes: payload("notes"),
            cadence_days: Some(7),
            handles: vec![NewHandle { platform: HandlePlatform::X, value: payload("handle"), url: String::new(), professional: true }],
            tags: vec![payload("tag")],
            rung: None,
        })
        .unwrap()
        .id;
    diary.set_rung(id, Rung::Connected, &payload("reason")).unwrap();
    // Three personal messages and never a call: a "pick up the phone" nudge on Today.
    for days in [3, 2, 1] {
        let mut touch = TouchInput::new(id, Channel::DirectMessage);
        touch.when = Some(Utc::now() - Duration::days(days));
        touch.platform = Some(HandlePlatform::X);
        touch.notes = payload("touch");
        diary.log_touch(&touch).unwrap();
    }
    diary
        .add_follow_up(&FollowUpInput {
            person_id: Some(id),
            touch_id: None,
            kind: FollowUpKind::Call,
            title: payload("follow-up"),
            notes: payload("follow-up notes"),
            due_date: Local::now().date_naive().into(),
            due_time: None,
        })
        .unwrap();
    let platform = diary.add_platform(&payload("platform")).unwrap();
    diary
        .add_session(&SessionInput {
            platform: platform.key,
            started_at: Utc::now() - Duration::minutes(50),
            ended_at: Utc::now() - Duration::minutes(20),
            note: payload("session"),
        })
        .unwrap();
    let today = Local::now().date_naive();
    diary.save_week_journal(today, &payload("journal")).unwrap();
    diary.add_week_intention(today, &payload("intention")).unwrap();
    let mut settings = diary.settings().unwrap();
    settings.review_prompts = vec![payload("prompt")];
    diary.update_settings(settings).unwrap();
    drop(diary);

    let desktop = Desktop::start();
    let app = desktop.launch(data.path()).await;
    visit(&app, "#people", &["name", "company"]).await;
    visit(
        &app,
        &format!("#people/{id}"),
        &["name", "company", "title", "how", "why", "notes", "handle", "tag", "reason", "touch", "follow-up"],
    )
    .await;
    visit(&app, &format!("#people/{id}/edit"), &[]).await;
    visit(&app, "#today", &["name", "follow-up"]).await;
    visit(&app, "#ladder", &["name"]).await;
    visit(&app, "#diary", &["name", "touch"]).await;
    visit(&app, "#time", &["platform"]).await;
    visit(&app, "#week", &["name", "prompt", "intention"]).await;
    assert_holds(&app, &["journal"]).await;
    app.screenshot("hostile-text-week").await;
    visit(&app, "#settings", &[]).await;
    assert_holds(&app, &["prompt"]).await;
    app.quit().await;
}

/// Waits until the screen's fields hold each field's payload as their value (what a
/// field shows is its value, never markup).
async fn assert_holds(app: &App, fields: &[&str]) {
    for field in fields {
        let script = "return [...document.querySelectorAll('#screen input, #screen textarea')].some(f => f.value === arguments[0])";
        eventually(&format!("a field holding the {field} payload"), async || {
            let holds = app.script(script, vec![json!(payload(field))]).await;
            ok_if(holds == json!(true), holds)
        })
        .await;
    }
}
