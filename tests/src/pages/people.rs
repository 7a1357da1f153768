use std::path::Path;

use crate::pages::{ImportDialog, PersonPage};
use crate::{tid, App, Desktop};

/// People: the list, its search, adding and importing.
pub struct People<'a> {
    pub(crate) app: &'a App,
}

impl<'a> People<'a> {
    /// Adds a person through the form, submitted with Enter, and waits for their page.
    pub async fn add(&self, name: &str, company: &str, linkedin: &str) -> PersonPage<'a> {
        let form = self.start_adding().await;
        form.type_name(name).await;
        form.type_company(company).await;
        form.type_handle(linkedin).await;
        // Enter submits, as a keyboard user would; a toast over the Save button cannot hide it.
        self.app.find(&tid("field-display_name")).await.send_keys("\u{E007}").await.expect("Enter in the name field");
        let person = PersonPage { app: self.app };
        person.wait_for_name(name).await;
        person
    }

    /// Clicks "Add person": the empty form.
    pub async fn start_adding(&self) -> PersonForm<'a> {
        self.app.click(&tid("add-person")).await;
        PersonForm { app: self.app }
    }

    /// The count above the list ("5 people", "1 person found").
    pub async fn count(&self) -> String {
        self.app.text(&tid("people-count")).await
    }

    pub async fn wait_for_count(&self, expected: &str) {
        self.app.wait_for_text(&tid("people-count"), expected).await;
    }

    /// Waits until the empty detail pane beside the list says `expected`.
    pub async fn wait_for_hint(&self, expected: &str) {
        self.app.wait_for_text(&tid("people-hint"), expected).await;
    }

    /// Waits until `name` is on the screen.
    pub async fn wait_for_listed(&self, name: &str) {
        self.app.wait_for_screen_text(name).await;
    }

    pub async fn first_row_name(&self) -> String {
        self.app.text_content(&format!("{} .name", tid("person-row"))).await
    }

    /// The first row's second line ("Company · Title").
    pub async fn first_row_sub(&self) -> String {
        self.app.text_content(&format!("{} .sub", tid("person-row"))).await
    }

    /// What the first row says of its place in the sort ("last touch: 36 days").
    pub async fn first_row_note(&self) -> String {
        self.app.text_content(&tid("person-order-note")).await
    }

    /// The value chosen in a filter of the list (`rung`, `order`…).
    pub async fn filter(&self, key: &str) -> serde_json::Value {
        self.app.property(&tid(&format!("people-filter-{key}")), "value").await
    }

    /// Sorts the list (`name`, `recent`, `waiting`, `follow_up`).
    pub async fn sort_by(&self, order: &str) {
        self.app.select(&tid("people-filter-order"), order).await;
    }

    pub async fn open_first(&self) -> PersonPage<'a> {
        self.app.click(&tid("person-row")).await;
        PersonPage { app: self.app }
    }

    pub async fn search(&self, text: &str) {
        self.app.type_into(&tid("people-search"), text).await;
    }

    /// The words the search marked in the first match's excerpt.
    pub async fn first_match_marked(&self) -> String {
        self.app.text_content(&format!("{} mark", tid("person-matched"))).await
    }

    /// Chooses `value` in the list's filter `key` (`rung`, `platform`, `untouched_days`…).
    pub async fn filter_by(&self, key: &str, value: &str) {
        self.app.select(&tid(&format!("people-filter-{key}")), value).await;
    }

    /// "Save as view…", the name typed, then Enter.
    pub async fn save_view(&self, name: &str) {
        self.app.click(&tid("people-view-new")).await;
        self.app.type_into(&tid("people-view-name"), &format!("{name}\u{E007}")).await;
    }

    /// "Rename…" on the view shown, the new name typed, then Enter.
    pub async fn rename_view(&self, name: &str) {
        self.app.click(&tid("people-view-rename")).await;
        self.app.type_into(&tid("people-view-name"), &format!("{name}\u{E007}")).await;
    }

    pub async fn delete_view(&self) {
        self.app.click(&tid("people-view-delete")).await;
    }

    /// Waits until the list says it shows the saved view `name`.
    pub async fn wait_for_view(&self, name: &str) {
        self.app.wait_for_text_containing(&tid("people-view-current"), name).await;
    }

    /// Waits for the message beside the view's name field.
    pub async fn wait_for_view_error(&self, expected: &str) {
        self.app.wait_for_text(&tid("error-view-name"), expected).await;
    }

    /// Import… with `file` chosen in the native open dialog.
    pub async fn import(&self, desktop: &Desktop, file: &Path) -> ImportDialog<'a> {
        self.app.click(&tid("people-import")).await;
        desktop.answer_open_dialog("Import a data export or contacts", file).await;
        ImportDialog { app: self.app }
    }
}

/// The form that adds or edits a person. `type_*` types keystrokes; `paste_*` sets the
/// value at once, for text no keyboard types easily.
pub struct PersonForm<'a> {
    pub(crate) app: &'a App,
}

impl<'a> PersonForm<'a> {
    pub async fn type_name(&self, text: &str) {
        self.app.type_into(&tid("field-display_name"), text).await;
    }

    pub async fn type_company(&self, text: &str) {
        self.app.type_into(&tid("field-company"), text).await;
    }

    pub async fn type_title(&self, text: &str) {
        self.app.type_into(&tid("field-title"), text).await;
    }

    pub async fn type_handle(&self, text: &str) {
        self.app.type_into(&tid("handle-value"), text).await;
    }

    pub async fn paste_name(&self, text: &str) {
        self.app.paste_into(&tid("field-display_name"), text).await;
    }

    pub async fn paste_company(&self, text: &str) {
        self.app.paste_into(&tid("field-company"), text).await;
    }

    /// Opens "How we met, why they matter, notes".
    pub async fn show_more(&self) {
        self.app.click("details summary").await;
    }

    pub async fn paste_notes(&self, text: &str) {
        self.app.paste_into(&tid("field-notes"), text).await;
    }

    /// Clicks Save; the person's page when it is accepted.
    pub async fn save(&self) -> PersonPage<'a> {
        self.app.click(&tid("save-person")).await;
        PersonPage { app: self.app }
    }

    /// Waits for the message beside `field` (`display_name`…).
    pub async fn wait_for_error(&self, field: &str, expected: &str) {
        self.app.wait_for_text(&tid(&format!("error-{field}")), expected).await;
    }
}

/// The saved views in the sidebar, on every screen.
impl App {
    /// The names of the saved views in the sidebar, in order.
    pub async fn sidebar_views(&self) -> Vec<String> {
        let script = "return [...document.querySelectorAll(arguments[0])].map(a => a.textContent)";
        let names = self.script(script, vec![serde_json::json!(tid("sidebar-view"))]).await;
        names.as_array().into_iter().flatten().map(|n| n.as_str().unwrap_or_default().to_owned()).collect()
    }

    pub async fn wait_for_sidebar_views(&self, expected: &[&str]) {
        crate::eventually(&format!("the sidebar's views to be {expected:?}"), async || {
            let found = self.sidebar_views().await;
            crate::ok_if(found == expected, found)
        })
        .await;
    }

    /// Opens the saved view `name` from the sidebar by keyboard: focused, then Enter.
    pub async fn open_view_by_keyboard(&self, name: &str) -> People<'_> {
        let link = self
            .script(
                "const a = [...document.querySelectorAll(arguments[0])].find(a => a.textContent === arguments[1]);
                 if (a) a.focus(); return Boolean(a) && document.activeElement === a;",
                vec![serde_json::json!(tid("sidebar-view")), serde_json::json!(name)],
            )
            .await;
        assert_eq!(link, serde_json::json!(true), "no view {name:?} in the sidebar to focus");
        self.client.active_element().await.unwrap().send_keys("\u{E007}").await.unwrap();
        People { app: self }
    }
}
