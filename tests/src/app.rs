//! The running app, driven over WebDriver: finding, clicking, typing, reading, screenshots.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use fantoccini::{elements::Element, Client, Locator};
use serde_json::{json, Value};

use crate::{target_dir, Process, PATIENCE};

/// The running app, driven over WebDriver.
pub struct App {
    pub client: Client,
    pub(crate) _driver: Process,
    pub(crate) log: PathBuf,
}

impl App {
    /// Waits for `css` to match. Any WebDriver error is retried until the patience runs
    /// out: WebKitWebDriver now and then fails a lookup while the page is redrawing.
    pub async fn wait_for(&self, css: &str) -> Element {
        let deadline = Instant::now() + PATIENCE;
        loop {
            match self.client.find(Locator::Css(css)).await {
                Ok(element) => return element,
                Err(e) if Instant::now() >= deadline => panic!("{css} never appeared: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    }

    pub async fn find(&self, css: &str) -> Element {
        self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no {css}: {e}"))
    }

    /// Clicks `css` in the middle of the view (so a toast at the bottom cannot cover it),
    /// retrying while WebKitWebDriver refuses the click, as it does mid-redraw.
    pub async fn click(&self, css: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let element = self.wait_for(css).await;
            let _ = self.client.execute("arguments[0].scrollIntoView({ block: 'center' })", vec![json!(element)]).await;
            match element.click().await {
                Ok(_) => return,
                Err(e) if Instant::now() >= deadline => panic!("clicking {css}: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
    }

    pub async fn text(&self, css: &str) -> String {
        self.wait_for(css).await.text().await.unwrap()
    }

    /// The text inside `css` as the DOM holds it. WebKitWebDriver's visible text leaves
    /// out text clipped with `overflow: hidden`, as in list rows that ellipsize.
    pub async fn text_content(&self, css: &str) -> String {
        self.wait_for(css).await;
        let value = self.script("return document.querySelector(arguments[0]).textContent", vec![json!(css)]).await;
        value.as_str().unwrap_or_default().to_owned()
    }

    /// Chooses the option with `value` in the select `css`.
    pub async fn select(&self, css: &str, value: &str) {
        self.wait_for(css).await.select_by_value(value).await.unwrap_or_else(|e| panic!("choosing {value} in {css}: {e}"));
    }

    /// How many elements match `css` right now.
    pub async fn count(&self, css: &str) -> usize {
        self.client.find_all(Locator::Css(css)).await.map(|v| v.len()).unwrap_or(0)
    }

    /// Waits until exactly `n` elements match `css`.
    pub async fn wait_for_count(&self, css: &str, n: usize) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let found = self.count(css).await;
            if found == n {
                return;
            }
            assert!(Instant::now() < deadline, "{css} matches {found} elements, expected {n}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until `css` contains `expected` somewhere in its text.
    pub async fn wait_for_text_containing(&self, css: &str, expected: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let found = self.text_content(css).await;
            if found.contains(expected) {
                return;
            }
            assert!(Instant::now() < deadline, "{css} shows {found:?}, expected it to contain {expected:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Types into a field as a user would (keystrokes).
    pub async fn type_into(&self, css: &str, text: &str) {
        let field = self.wait_for(css).await;
        field.clear().await.unwrap();
        if !text.is_empty() {
            field.send_keys(text).await.unwrap_or_else(|e| panic!("typing into {css}: {e}"));
        }
    }

    /// Sets a field's value at once and fires `input` and `change`, as pasting and leaving
    /// the field would: for text no keyboard types easily (emoji, right-to-left scripts),
    /// text too long to type, and date fields.
    pub async fn paste_into(&self, css: &str, text: &str) {
        self.script(
            "const el = document.querySelector(arguments[0]); el.value = arguments[1];
             el.dispatchEvent(new Event('input', { bubbles: true }));
             el.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![json!(css), json!(text)],
        )
        .await;
    }

    pub async fn script(&self, body: &str, args: Vec<Value>) -> Value {
        self.client.execute(body, args).await.unwrap_or_else(|e| panic!("script failed: {e}"))
    }

    /// Waits until `css` shows exactly `expected`.
    pub async fn wait_for_text(&self, css: &str, expected: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let found = match self.client.find(Locator::Css(css)).await {
                Ok(el) => el.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if found == expected {
                return;
            }
            assert!(Instant::now() < deadline, "{css} shows {found:?}, expected {expected:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Adds a person through the People screen's form and waits for their page.
    pub async fn add_person(&self, name: &str, company: &str, linkedin: &str) {
        self.click("[data-testid=nav-people]").await;
        self.click("[data-testid=add-person]").await;
        self.type_into("[data-testid=field-display_name]", name).await;
        self.type_into("[data-testid=field-company]", company).await;
        self.type_into("[data-testid=handle-value]", linkedin).await;
        // Enter submits, as a keyboard user would; a toast over the Save button cannot hide it.
        self.find("[data-testid=field-display_name]").await.send_keys("\u{E007}").await.expect("Enter in the name field");
        self.wait_for_text("[data-testid=person-name]", name).await;
    }

    /// Saves a PNG of the window under `target/e2e/<name>.png`.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        // Let the page paint what the DOM already holds: two frames.
        self.client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 requestAnimationFrame(() => requestAnimationFrame(() => done()));",
                vec![],
            )
            .await
            .expect("the window to paint");
        let png = self.client.screenshot().await.expect("a screenshot of the window");
        let dir = target_dir().join("e2e");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap();
        path
    }

    /// What the app (and the drivers around it) wrote to standard error.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Quits the app: the WebDriver session closes its window and ends the process.
    pub async fn quit(self) {
        self.client.close().await.expect("the app quits");
    }
}
