//! The funnel on the sample diary: the screen shows the core's figures, the period and
//! the origin filter change them, a number opens the people it counts and a stalled
//! person opens their page, the CSV holds what the core computes; light and dark.

use rapport_core::funnel::{FunnelQuery, Period};
use rapport_core::storage::DIARY_FILE_NAME;
use rapport_core::Diary;
use rapport_e2e::{eventually, tid, App, Desktop};
use rapport_sample::{fill, SampleSize};
use serde_json::json;

/// The number a count shows ("1,234" → 1234).
async fn shown(app: &App, testid: &str) -> u32 {
    let text = app.text(&tid(testid)).await;
    text.replace(',', "").parse().unwrap_or_else(|_| panic!("{testid} shows {text:?}, not a number"))
}

/// Waits until the count `testid` shows the number `n`.
async fn wait_for_shown(app: &App, testid: &str, n: u32) {
    eventually(&format!("{testid} to show {n}"), async || {
        // Read in the page, as the screen may draw the count again between a lookup and
        // its reading; mid-change it may show something else: only the number counts.
        let text = app.script("return document.querySelector(arguments[0])?.textContent ?? ''", vec![json!(tid(testid))]).await;
        let text = text.as_str().unwrap_or_default().trim().to_owned();
        if text.replace(',', "").parse() == Ok(n) {
            Ok(())
        } else {
            Err(text)
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_funnel_follows_its_filters_and_every_number_leads_to_its_people() {
    let desktop = Desktop::start();
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join(DIARY_FILE_NAME);
    let mut diary = Diary::open(&path).unwrap();
    fill(&mut diary, SampleSize::DEMO, 2026, chrono::Utc::now()).unwrap();
    let all = diary.funnel(&FunnelQuery::default()).unwrap();
    let Period::Quarter { year, .. } = all.this_quarter else { panic!("this quarter is a quarter") };
    let this_year = Period::Year { year };
    let last_year = diary.funnel(&FunnelQuery { period: this_year.previous().unwrap(), ..Default::default() }).unwrap();
    let origin = all.by_origin[0].origin.clone().expect("the sample's people come from somewhere");
    let from_origin = diary.funnel(&FunnelQuery { origin: Some(origin.clone()), ..Default::default() }).unwrap();
    drop(diary);
    let reached = |f: &rapport_core::funnel::Funnel, rung: usize| f.overall.rungs[rung].reached.n;
    assert!(reached(&all, 3) > 0, "someone in the sample got to a call");

    let app = desktop.launch(data.path()).await;
    app.go_to_hash("#funnel").await;
    app.wait_for(&tid("funnel-origin-all")).await;
    assert_eq!(app.text(&tid("funnel-label")).await, "All time");
    assert_eq!(shown(&app, "funnel-reached-all-noticed").await, reached(&all, 0));
    assert_eq!(shown(&app, "funnel-reached-all-spoken").await, reached(&all, 3));
    app.screenshot("funnel-all-time").await;

    // The period: a year, then the one before.
    app.select(&tid("funnel-period"), "year").await;
    app.wait_for_text(&tid("funnel-label"), &this_year.label()).await;
    app.click(&tid("funnel-prev")).await;
    app.wait_for_text(&tid("funnel-label"), &last_year.label).await;
    let noticed = last_year.overall.rungs[0].reached.n;
    if noticed > 0 {
        assert_eq!(shown(&app, "funnel-reached-all-noticed").await, noticed);
    } else {
        app.wait_for(&tid("funnel-empty")).await;
    }

    // Back to all time, then one origin: the figures narrow to its people.
    app.select(&tid("funnel-period"), "all").await;
    app.wait_for_text(&tid("funnel-label"), "All time").await;
    app.select(&tid("funnel-origin"), &origin).await;
    wait_for_shown(&app, "funnel-reached-all-noticed", reached(&from_origin, 0)).await;
    assert_eq!(app.count("[data-testid^=\"funnel-origin-\"]").await, 1, "one origin, shown as the whole");

    // A number opens the people it counts; a name opens their page.
    app.click(&tid("funnel-reached-all-noticed")).await;
    app.wait_for_count(&tid("funnel-person"), reached(&from_origin, 0) as usize).await;
    app.screenshot("funnel-people").await;
    app.click(&format!("{} a", tid("funnel-person"))).await;
    let hash = app.hash().await;
    assert!(hash.as_str().is_some_and(|h| h.starts_with("#people/")), "{hash}");

    // The query is kept; a stalled person is one click from their page too.
    app.go_to_hash("#funnel").await;
    app.wait_for(&tid("funnel-origin-all")).await;
    app.select(&tid("funnel-origin"), "").await;
    wait_for_shown(&app, "funnel-reached-all-noticed", reached(&all, 0)).await;
    let stalled = format!("{} a", tid("funnel-stall"));
    let name = app.text(&stalled).await;
    app.click(&stalled).await;
    app.wait_for_screen_text(&name).await;
    assert!(app.hash().await.as_str().is_some_and(|h| h.starts_with("#people/")));

    // The CSV is the core's, number for number.
    app.go_to_hash("#funnel").await;
    app.wait_for(&tid("funnel-origin-all")).await;
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("funnel.csv");
    app.click(&tid("funnel-csv")).await;
    desktop.answer_save_dialog("Save the funnel as CSV", &file).await;
    app.wait_for_toast("Saved ").await;
    let saved = std::fs::read_to_string(&file).unwrap();
    assert_eq!(saved, Diary::open(&path).unwrap().funnel_csv(&FunnelQuery::default()).unwrap());
    app.quit().await;

    let app = desktop.launch_themed(data.path(), "Adwaita:dark").await;
    app.go_to_hash("#funnel").await;
    app.wait_for(&tid("funnel-origin-all")).await;
    app.screenshot("funnel-dark").await;
    app.scroll_to(&tid("funnel-cost")).await;
    app.screenshot("funnel-cost-dark").await;
    assert!(app.scrolls_sideways().await.is_empty(), "{:?}", app.scrolls_sideways().await);
    app.quit().await;
}
