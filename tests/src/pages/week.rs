use serde_json::{json, Value};

use crate::{tid, App};

/// The week in review: its figures, the reflection, Markdown and print.
pub struct Week<'a> {
    pub(crate) app: &'a App,
}

impl Week<'_> {
    /// Waits until the week's figures are on screen.
    pub async fn wait_until_shown(&self) {
        self.app.wait_for(&tid("fig-personal")).await;
    }

    /// Goes to the week holding `day` (`YYYY-MM-DD`), as the date field does.
    pub async fn go_to_day(&self, day: &str) {
        self.app.paste_into(&tid("week-day"), day).await;
    }

    pub async fn wait_for_title_containing(&self, expected: &str) {
        self.app.wait_for_text_containing(&tid("week-title"), expected).await;
    }

    /// "This week".
    pub async fn go_to_this_week(&self) {
        self.app.click(&tid("week-this")).await;
    }

    pub async fn next_week_disabled(&self) -> Value {
        self.app.property(&tid("week-next"), "disabled").await
    }

    /// The figure or section marked `testid`, as its text.
    pub async fn figure(&self, testid: &str) -> String {
        self.app.text_content(&tid(testid)).await
    }

    pub async fn wait_for_figure(&self, testid: &str, expected: &str) {
        self.app.wait_for_text(&tid(testid), expected).await;
    }

    /// The row of `rung` in the ladder's before-and-after table.
    pub async fn rung_row(&self, rung: &str) -> String {
        self.app.text_content(&tid(&format!("rung-{rung}"))).await
    }

    /// How many moves on the ladder the week lists.
    pub async fn moves(&self) -> usize {
        self.app.count(&tid("week-move")).await
    }

    pub async fn wait_for_neglected(&self) {
        self.app.wait_for(&tid("week-neglected")).await;
    }

    /// Waits until the reflection's questions include `expected`.
    pub async fn wait_for_question(&self, expected: &str) {
        self.app.wait_for_text_containing(&tid("answers"), expected).await;
    }

    pub async fn questions(&self) -> usize {
        self.app.count(&format!("{} li", tid("answers"))).await
    }

    /// Ticks question `n` (from 0).
    pub async fn tick(&self, n: usize) {
        self.app.click(&tid(&format!("answer-{n}-tick"))).await;
    }

    pub async fn ticked(&self, n: usize) -> Value {
        self.app.property(&tid(&format!("answer-{n}-tick")), "checked").await
    }

    /// Types the answer to question `n`.
    pub async fn type_answer(&self, n: usize, text: &str) {
        self.app.type_into(&tid(&format!("answer-{n}-text")), text).await;
    }

    /// Clicks into the answer to question `n` (and so out of where the focus was).
    pub async fn click_answer(&self, n: usize) {
        self.app.click(&tid(&format!("answer-{n}-text"))).await;
    }

    pub async fn answer(&self, n: usize) -> Value {
        self.app.property(&tid(&format!("answer-{n}-text")), "value").await
    }

    pub async fn wait_for_reflection_status(&self, expected: &str) {
        self.app.wait_for_text_containing(&tid("reflection-status"), expected).await;
    }

    pub async fn scroll_to_reflection(&self) {
        self.app.script("document.querySelector(arguments[0]).scrollIntoView()", vec![json!(tid("reflection"))]).await;
    }

    pub async fn paste_journal(&self, text: &str) {
        self.app.paste_into(&tid("journal"), text).await;
    }

    pub async fn journal(&self) -> Value {
        self.app.property(&tid("journal"), "value").await
    }

    /// Adds an intention for next week: typed, then Enter.
    pub async fn add_intention(&self, text: &str) {
        self.app.type_into(&tid("intention-input"), &format!("{text}\u{E007}")).await;
    }

    /// Waits until the first intention reads `expected`.
    pub async fn wait_for_intention(&self, expected: &str) {
        self.app.wait_for_text(&tid("intention-text"), expected).await;
    }

    /// Waits until there are at least `n` intentions.
    pub async fn wait_for_intentions(&self, n: usize) {
        self.app.wait_for(&format!("{}:nth-child({n})", tid("intention-row"))).await;
    }

    pub async fn intentions(&self) -> usize {
        self.app.count(&tid("intention-row")).await
    }

    /// Makes the first intention a follow-up.
    pub async fn make_follow_up_of_intention(&self) {
        self.app.click(&tid("intention-follow-up")).await;
    }

    pub async fn wait_for_intention_state(&self, expected: &str) {
        self.app.wait_for_text(&tid("intention-state"), expected).await;
    }

    /// The people the chooser offers for an intention that may mean several, as each
    /// button reads them ("Ana Lima · Acme · Met"), once it shows.
    pub async fn candidates(&self) -> Vec<String> {
        self.app.wait_for(&tid("intention-chooser")).await;
        let script = "return [...document.querySelectorAll(arguments[0])].map(b => b.textContent)";
        let names = self.app.script(script, vec![json!(tid("intention-candidate"))]).await;
        names.as_array().into_iter().flatten().map(|n| n.as_str().unwrap_or_default().to_owned()).collect()
    }

    /// Picks the person with `id` in the chooser, by keyboard: the chooser has the focus
    /// on its first person; Tab moves on, Enter picks.
    pub async fn pick_candidate_by_keyboard(&self, tabs: usize) {
        let focused = self.app.focused().await;
        assert_eq!(focused, json!("intention-candidate"), "the chooser takes the keyboard");
        let keys = format!("{}\u{E007}", "\u{E004}".repeat(tabs));
        self.app.client.active_element().await.unwrap().send_keys(&keys).await.unwrap();
    }

    pub async fn intention_state(&self) -> String {
        self.app.text_content(&tid("intention-state")).await
    }

    /// "Save as Markdown": the native save dialog opens.
    pub async fn save_as_markdown(&self) {
        self.app.click(&tid("week-markdown")).await;
    }

    /// "Print…": the system's print dialog opens.
    pub async fn print(&self) {
        self.app.click(&tid("week-print")).await;
    }
}
