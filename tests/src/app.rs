//! The running app, driven over WebDriver: finding, clicking, typing, reading, screenshots.

use std::path::PathBuf;

use fantoccini::{elements::Element, Client, Locator};
use serde_json::{json, Value};

use crate::{eventually, ok_if, target_dir, tid, Process};

/// What scrolls sideways: the document, the screen, or any box that scrolls.
const SIDEWAYS: &str = "
    const name = (el) => el === document.documentElement ? 'the document'
      : `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${[...el.classList].map((c) => '.' + c).join('')}${el.dataset.testid ? `[${el.dataset.testid}]` : ''}`;
    const wide = [];
    for (const el of [document.documentElement, ...document.querySelectorAll('body *')]) {
      const x = getComputedStyle(el).overflowX;
      const scrolls = el === document.documentElement || el.id === 'screen' || x === 'auto' || x === 'scroll';
      if (scrolls && el.scrollWidth > el.clientWidth) wide.push(`${name(el)}: ${el.scrollWidth} > ${el.clientWidth}`);
    }
    return wide;";

/// The running app, driven over WebDriver.
pub struct App {
    pub client: Client,
    pub(crate) _driver: Process,
    pub(crate) log: PathBuf,
}

/// A test that fails shows what the app printed (a panic, a lost session's cause).
impl Drop for App {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("the app's log:\n{}", std::fs::read_to_string(&self.log).unwrap_or_default());
        }
    }
}

impl App {
    /// Waits for `css` to match. Any WebDriver error is retried until the patience runs
    /// out: WebKitWebDriver now and then fails a lookup while the page is redrawing.
    pub async fn wait_for(&self, css: &str) -> Element {
        eventually(css, async || self.client.find(Locator::Css(css)).await).await
    }

    pub async fn find(&self, css: &str) -> Element {
        self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("no {css}: {e}"))
    }

    /// Clicks `css` in the middle of the view (so a toast at the bottom cannot cover it),
    /// retrying while WebKitWebDriver refuses the click, as it does mid-redraw.
    pub async fn click(&self, css: &str) {
        eventually(&format!("a click on {css}"), async || {
            let element = self.wait_for(css).await;
            let _ = self.client.execute("arguments[0].scrollIntoView({ block: 'center' })", vec![json!(element)]).await;
            element.click().await
        })
        .await;
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
        eventually(&format!("{n} elements matching {css}"), async || {
            let found = self.count(css).await;
            ok_if(found == n, found)
        })
        .await;
    }

    /// Waits until `css` contains `expected` somewhere in its text.
    pub async fn wait_for_text_containing(&self, css: &str, expected: &str) {
        eventually(&format!("{css} to contain {expected:?}"), async || {
            let found = self.text_content(css).await;
            ok_if(found.contains(expected), found)
        })
        .await;
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

    /// Scrolls the main pane until `css` is in the middle of the window (for a screenshot).
    pub async fn scroll_to(&self, css: &str) {
        self.script("document.querySelector(arguments[0]).scrollIntoView({ block: 'center' })", vec![json!(css)]).await;
    }

    pub async fn script(&self, body: &str, args: Vec<Value>) -> Value {
        self.client.execute(body, args).await.unwrap_or_else(|e| panic!("script failed: {e}"))
    }

    /// Waits until `css` shows exactly `expected`.
    pub async fn wait_for_text(&self, css: &str, expected: &str) {
        eventually(&format!("{css} to show {expected:?}"), async || {
            let found = match self.client.find(Locator::Css(css)).await {
                Ok(el) => el.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            ok_if(found == expected, found)
        })
        .await;
    }

    /// The DOM property `name` of `css` right now (`value`, `checked`, `disabled`…), as
    /// the page holds it: no waiting, so it also shows whether the window answers at once.
    pub async fn property(&self, css: &str, name: &str) -> Value {
        self.script("return document.querySelector(arguments[0])[arguments[1]]", vec![json!(css), json!(name)]).await
    }

    /// The `data-testid` of the element that has the keyboard focus now, if it has one.
    pub async fn focused(&self) -> Value {
        self.script("return document.activeElement?.dataset.testid ?? null", vec![]).await
    }

    /// Clicks the screen's entry `screen` in the navigation (`people`, `week`…).
    pub async fn go_to(&self, screen: &str) {
        self.click(&tid(&format!("nav-{screen}"))).await;
        self.wait_until_shown(&format!("#{screen}")).await;
    }

    /// Opens `hash` (`#people/3`) as a link to it would.
    pub async fn go_to_hash(&self, hash: &str) {
        self.script("location.hash = arguments[0]", vec![json!(hash)]).await;
        self.wait_until_shown(hash).await;
    }

    /// Waits until the screen for `hash` is drawn (a screen's module loads when first opened).
    pub(crate) async fn wait_until_shown(&self, hash: &str) {
        eventually(&format!("the screen for {hash} to be drawn"), async || {
            let shown = self.script("return document.getElementById('screen').dataset.shown", vec![]).await;
            if shown == json!(hash) {
                Ok(())
            } else {
                Err(shown)
            }
        })
        .await;
    }

    /// The location's hash right now.
    pub async fn hash(&self) -> Value {
        self.script("return location.hash", vec![]).await
    }

    /// Waits until the diary is open and the screens are ready (after a restore, say).
    pub async fn wait_until_ready(&self) {
        self.wait_for("body[data-ready]").await;
    }

    /// Waits until the current screen shows `expected` somewhere.
    pub async fn wait_for_screen_text(&self, expected: &str) {
        self.wait_for_text_containing(&tid("screen"), expected).await;
    }

    /// Waits until a toast says `expected` (among any still showing).
    pub async fn wait_for_toast(&self, expected: &str) {
        self.wait_for_text_containing(&tid("toasts"), expected).await;
    }

    /// Waits until the reminder shown in the window says `expected`.
    pub async fn wait_for_reminder(&self, expected: &str) {
        self.wait_for_text_containing(&tid("reminder"), expected).await;
    }

    /// Clicks the action `label` ("Undo") on a toast.
    pub async fn click_toast_action(&self, label: &str) {
        self.click(&format!("{}[data-action=\"{label}\"]", tid("toast-action"))).await;
    }

    /// Clicks the action `label` on the toast that says `message`, when several show.
    pub async fn click_toast_action_on(&self, message: &str, label: &str) {
        let css = format!("{}[data-action=\"{label}\"]", tid("toast-action"));
        eventually(&format!("the {label} of the toast {message:?}"), async || {
            let script = "document.querySelectorAll('[data-clicked-here]').forEach(t => t.removeAttribute('data-clicked-here'));
                          const t = [...document.querySelectorAll('.toast')].find(t => t.firstChild.textContent === arguments[0]);
                          t?.setAttribute('data-clicked-here', ''); return Boolean(t?.querySelector(arguments[1]))";
            let found = self.script(script, vec![json!(message), json!(css)]).await;
            ok_if(found == json!(true), found)
        })
        .await;
        self.click(&format!(".toast[data-clicked-here] {css}")).await;
    }

    /// Resizes the window's content to `width` × `height` CSS pixels, as a user would the
    /// window, and waits until the page has taken the new size.
    pub async fn set_window_size(&self, width: u32, height: u32) {
        self.client.set_window_size(width, height).await.expect("the window to resize");
        eventually(&format!("a {width}×{height} window"), async || {
            let size = self.script("return [window.innerWidth, window.innerHeight]", vec![]).await;
            ok_if(size == json!([width, height]), size)
        })
        .await;
    }

    /// Resizes the window to `width`×`height` and waits until the page has that many
    /// CSS pixels (on this desktop no frame is drawn around it).
    pub async fn resize(&self, width: u32, height: u32) {
        self.client.set_window_size(width, height).await.expect("the window to resize");
        eventually(&format!("a {width}×{height} page"), async || {
            let size = self.script("return [window.innerWidth, window.innerHeight]", vec![]).await;
            ok_if(size == json!([width, height]), size)
        })
        .await;
    }

    /// What scrolls sideways right now: the document, the screen, or any box that
    /// scrolls, each as "what: scroll width > client width". Empty when nothing does.
    pub async fn scrolls_sideways(&self) -> Vec<String> {
        let wide = self.script(SIDEWAYS, vec![]).await;
        wide.as_array().into_iter().flatten().map(|w| w.as_str().unwrap_or_default().to_owned()).collect()
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
        self.client.clone().close().await.expect("the app quits");
    }
}
