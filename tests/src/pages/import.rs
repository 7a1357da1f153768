use serde_json::{json, Value};

use crate::{tid, App};

/// The import dialog: the preview row by row, then Import.
pub struct ImportDialog<'a> {
    pub(crate) app: &'a App,
}

impl<'a> ImportDialog<'a> {
    /// The dialog already open, for a journey that kept only the app.
    pub fn on(app: &'a App) -> Self {
        ImportDialog { app }
    }

    pub async fn wait_for_preview(&self) {
        self.app.wait_for(&tid("import-preview")).await;
    }

    /// Whether a preview shows right now.
    pub async fn previews_shown(&self) -> usize {
        self.app.count(&tid("import-preview")).await
    }

    /// Waits until the preview counts `expected` ("5 new people").
    pub async fn wait_for_new(&self, expected: &str) {
        self.app.wait_for_text(&tid("import-new"), expected).await;
    }

    /// Waits until the preview counts `expected` ("5 already here").
    pub async fn wait_for_unchanged(&self, expected: &str) {
        self.app.wait_for_text(&tid("import-unchanged"), expected).await;
    }

    pub async fn rejected(&self) -> String {
        self.app.text(&tid("import-rejected")).await
    }

    pub async fn row_count(&self) -> usize {
        self.app.count(&tid("import-row")).await
    }

    /// Each row as its cells' text joined with " | ".
    pub async fn rows(&self) -> Vec<String> {
        let script = "return [...document.querySelectorAll(arguments[0])].map(r => [...r.cells].map(c => c.innerText.trim()).join(' | '))";
        serde_json::from_value(self.app.script(script, vec![json!(tid("import-row"))]).await).unwrap()
    }

    /// How many bold elements the preview holds (markup in a company would make one).
    pub async fn bold_in_preview(&self) -> usize {
        self.app.count(&format!("{} b", tid("import-preview"))).await
    }

    /// The Import button's label, read at once (the window must answer mid-import).
    pub async fn apply_label(&self) -> Value {
        self.app.property(&tid("import-apply"), "textContent").await
    }

    /// The Import button's text as shown.
    pub async fn apply_text(&self) -> String {
        self.app.text(&tid("import-apply")).await
    }

    pub async fn apply_disabled(&self) -> Value {
        self.app.property(&tid("import-apply"), "disabled").await
    }

    pub async fn apply(&self) {
        self.app.click(&tid("import-apply")).await;
    }

    pub async fn close(&self) {
        self.app.script("document.querySelector(arguments[0]).close()", vec![json!(tid("import-dialog"))]).await;
    }
}

/// The archive import dialog: a platform's export read, previewed per source, applied.
pub struct ArchiveDialog<'a> {
    pub(crate) app: &'a App,
}

impl<'a> ArchiveDialog<'a> {
    pub fn on(app: &'a App) -> Self {
        ArchiveDialog { app }
    }

    /// Waits until the preview shows the source `source` ("linkedin", "x").
    pub async fn wait_for_source(&self, source: &str) {
        self.app.wait_for(&format!("{}[data-source=\"{source}\"]", tid("archive-source"))).await;
    }

    fn in_source(source: &str, testid: &str) -> String {
        format!("{}[data-source=\"{source}\"] {}", tid("archive-source"), tid(testid))
    }

    /// One of a source's counts ("archive-touches" → "12 touches to add").
    pub async fn count(&self, source: &str, testid: &str) -> String {
        self.app.text(&Self::in_source(source, testid)).await
    }

    /// The sentence on the ladder moves.
    pub async fn moves(&self, source: &str) -> String {
        self.app.text(&Self::in_source(source, "archive-moves")).await
    }

    /// Who the preview takes the user to be.
    pub async fn me(&self, source: &str) -> Value {
        let script = "const s = document.querySelector(arguments[0]); return s && s.selectedOptions[0].textContent;";
        self.app.script(script, vec![json!(Self::in_source(source, "archive-me"))]).await
    }

    /// The people rows, as "name | who | touches | ladder".
    pub async fn people(&self, source: &str) -> Vec<String> {
        let script = "return [...document.querySelectorAll(arguments[0])].map((r) =>
                        [...r.cells].slice(1).map((c) => c.innerText.trim()).join(' | '));";
        let rows = self.app.script(script, vec![json!(format!("{} tr", Self::in_source(source, "archive-people")))]).await;
        rows.as_array().unwrap().iter().skip(1).map(|r| r.as_str().unwrap().to_owned()).collect()
    }

    /// How many elements of the preview are bold: markup in the files stays text.
    pub async fn bold(&self) -> usize {
        self.app.count(&format!("{} b", tid("archive-preview"))).await
    }

    /// The conversations listed, as their box's label ("Team offsite — 12 messages, a group of 11").
    pub async fn threads(&self, source: &str) -> Vec<String> {
        let script = "return [...document.querySelectorAll(arguments[0])].map((li) => li.textContent.trim());";
        let rows = self.app.script(script, vec![json!(Self::in_source(source, "archive-thread"))]).await;
        rows.as_array().unwrap().iter().map(|r| r.as_str().unwrap().to_owned()).collect()
    }

    /// Ticks or clears the box of the `n`th conversation listed.
    pub async fn toggle_thread(&self, source: &str, n: usize) {
        self.app
            .click(&format!("{}:nth-of-type({}) {}", Self::in_source(source, "archive-thread"), n + 1, tid("archive-thread-take")))
            .await;
    }

    pub async fn keep_words(&self, source: &str) {
        self.app.click(&Self::in_source(source, "archive-keep-words")).await;
    }

    pub async fn apply(&self) {
        self.app.click(&format!("{}:not([disabled])", tid("archive-apply"))).await;
    }

    pub async fn apply_text(&self) -> String {
        self.app.text(&tid("archive-apply")).await
    }
}
