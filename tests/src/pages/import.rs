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
