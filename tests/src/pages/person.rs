use serde_json::{json, Value};

use crate::pages::{PersonForm, QuickLog};
use crate::{tid, tid_in, App};

/// A person's page: who they are, their rung, figures and timeline.
pub struct PersonPage<'a> {
    pub(crate) app: &'a App,
}

impl<'a> PersonPage<'a> {
    pub async fn wait_for_name(&self, expected: &str) {
        self.app.wait_for_text(&tid("person-name"), expected).await;
    }

    /// The line under the name ("Founder at Lima Consulting").
    pub async fn sub(&self) -> String {
        self.app.text(&tid("person-sub")).await
    }

    pub async fn wait_for_sub(&self, expected: &str) {
        self.app.wait_for_text(&tid("person-sub"), expected).await;
    }

    pub async fn handles(&self) -> String {
        self.app.text(&tid("person-handles")).await
    }

    pub async fn notes(&self) -> String {
        self.app.text(&tid("person-notes")).await
    }

    /// Waits until the page says they are on rung `expected` ("Spoken").
    pub async fn wait_for_rung(&self, expected: &str) {
        self.app.wait_for_text(&tid("person-rung-now"), expected).await;
    }

    /// Sets the rung by hand from the page's rung control.
    pub async fn set_rung(&self, rung: &str) {
        self.app.select(&tid("person-rung"), rung).await;
        self.app.click(&tid("rung-set")).await;
    }

    /// Archives the person from More….
    pub async fn archive(&self) {
        self.app.click(&tid("person-more")).await;
        self.app.click(&tid("person-archive")).await;
    }

    /// Waits until the page says they are in the archive, or that they are not.
    pub async fn wait_for_archived(&self, archived: bool) {
        self.app.wait_for_count(&tid("person-archived"), usize::from(archived)).await;
    }

    /// How many "put in the archive" lines the timeline shows.
    pub async fn archived_in_timeline(&self) -> usize {
        self.app.count(&tid("archived-row")).await
    }

    pub async fn wait_for_touch_count(&self, expected: &str) {
        self.app.wait_for_text(&tid("figure-touches"), expected).await;
    }

    pub async fn wait_for_cadence(&self, expected: &str) {
        self.app.wait_for_text(&tid("figure-cadence"), expected).await;
    }

    /// How many touches the timeline lists.
    pub async fn touches_in_timeline(&self) -> usize {
        self.app.count(&tid_in("timeline", "touch-row")).await
    }

    /// How many changes of rung the timeline lists (being added is one).
    pub async fn rung_changes_in_timeline(&self) -> usize {
        self.app.count(&tid_in("timeline", "rung-row")).await
    }

    /// How many changes of rung a touch caused.
    pub async fn moves_by_a_touch(&self) -> Value {
        let script =
            "return [...document.querySelectorAll(arguments[0])].map(r => r.textContent).filter(t => t.includes('by a touch')).length";
        self.app.script(script, vec![json!(tid("rung-row"))]).await
    }

    /// "Log touch" on this page: quick-log opens with this person already chosen.
    pub async fn log_touch(&self) -> QuickLog<'a> {
        self.app.click(&tid("person-log-touch")).await;
        self.app.wait_for(&tid_in("quick-log", "touch-people-chip")).await;
        QuickLog { app: self.app }
    }

    /// How many nudges the page shows for them.
    pub async fn nudges(&self) -> usize {
        self.app.count(&tid_in("person-nudges", "nudge-row")).await
    }

    pub async fn wait_for_nudges(&self, n: usize) {
        self.app.wait_for_count(&tid_in("person-nudges", "nudge-row"), n).await;
    }

    /// "Make a follow-up" on the first nudge of the page.
    pub async fn follow_up_from_nudge(&self) {
        self.app.click(&tid_in("person-nudges", "nudge-follow-up")).await;
    }

    pub async fn wait_for_follow_up(&self, title: &str) {
        self.app.wait_for_text_containing(&tid("person-follow-ups"), title).await;
    }

    pub async fn add_follow_up(&self) -> FollowUpForm<'a> {
        self.app.click(&tid("person-add-follow-up")).await;
        FollowUpForm { app: self.app }
    }

    /// Marks their first open follow-up done.
    pub async fn complete_follow_up(&self) {
        self.app.click(&tid_in("person-follow-ups", "follow-up-done")).await;
    }

    /// Snoozes their first open follow-up by the `choice`-th of the snooze menu (0: the first).
    pub async fn snooze_follow_up(&self, choice: usize) {
        self.app.select(&tid_in("person-follow-ups", "follow-up-snooze"), &choice.to_string()).await;
    }

    pub async fn edit(&self) -> PersonForm<'a> {
        self.app.click(&tid("edit-person")).await;
        PersonForm { app: self.app }
    }
}

/// The form that adds a follow-up.
pub struct FollowUpForm<'a> {
    pub(crate) app: &'a App,
}

impl FollowUpForm<'_> {
    /// Waits until the person chip reads `expected` ("Ana Lima✕").
    pub async fn wait_for_person(&self, expected: &str) {
        self.app.wait_for_text(&tid("follow-up-person-chip"), expected).await;
    }

    /// The title as the form proposes it.
    pub async fn title(&self) -> Value {
        self.app.property(&tid("follow-up-title"), "value").await
    }

    /// The due date, `YYYY-MM-DD`.
    pub async fn paste_date(&self, date: &str) {
        self.app.paste_into(&tid("follow-up-date"), date).await;
    }

    /// The due day as a person types it, keystroke by keystroke ("2026-02-30", "24 Dec").
    pub async fn type_date(&self, day: &str) {
        self.app.type_into(&tid("follow-up-date"), day).await;
    }

    /// Waits for the message beside `field` (`due_date`, `title`…); "" for none.
    pub async fn wait_for_error(&self, field: &str, expected: &str) {
        self.app.wait_for_text(&tid(&format!("follow-up-error-{field}")), expected).await;
    }

    /// Waits for the question about a day in the past.
    pub async fn wait_for_past_question(&self, expected: &str) {
        self.app.wait_for_text(&tid("follow-up-past-message"), expected).await;
    }

    /// The due time, `HH:MM:SS`.
    pub async fn paste_time(&self, time: &str) {
        self.app.paste_into(&tid("follow-up-time"), time).await;
    }

    pub async fn save(&self) {
        self.app.click(&tid("follow-up-save")).await;
    }
}
