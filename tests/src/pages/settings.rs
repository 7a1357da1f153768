use crate::{tid, App};

/// Settings: defaults, the week's questions, platforms, export, about.
pub struct Settings<'a> {
    pub(crate) app: &'a App,
}

impl Settings<'_> {
    pub async fn type_default_cadence(&self, days: &str) {
        self.app.type_into(&tid("setting-default-cadence"), days).await;
    }

    pub async fn type_long_timer(&self, hours: &str) {
        self.app.type_into(&tid("setting-long-timer"), hours).await;
    }

    /// The week in review's questions, one a line.
    pub async fn paste_review_prompts(&self, prompts: &str) {
        self.app.paste_into(&tid("setting-review-prompts"), prompts).await;
    }

    /// The day of the review reminder (`Mon`…).
    pub async fn choose_review_day(&self, day: &str) {
        self.app.select(&tid("setting-review-day"), day).await;
    }

    pub async fn save(&self) {
        self.app.click(&tid("settings-save")).await;
    }

    /// Waits for the message about `setting` (`default_cadence_days`…).
    pub async fn wait_for_error(&self, setting: &str, expected: &str) {
        self.app.wait_for_text(&tid(&format!("setting-error-{setting}")), expected).await;
    }

    /// Adds a platform of one's own, typed and Enter.
    pub async fn add_platform(&self, name: &str) {
        self.app.type_into(&tid("platform-new"), &format!("{name}{}", char::from(fantoccini::key::Key::Enter))).await;
    }

    /// "Export everything as JSON": the native save dialog opens.
    pub async fn export_json(&self) {
        self.app.click(&tid("export-json")).await;
    }

    /// "Export people as vCard": the native save dialog opens.
    pub async fn export_vcard(&self) {
        self.app.click(&tid("export-vcard")).await;
    }

    pub async fn wait_for_notifications_status(&self, expected: &str) {
        self.app.wait_for_text_containing(&tid("notifications-status"), expected).await;
    }

    pub async fn wait_for_version(&self, expected: &str) {
        self.app.wait_for_text(&tid("about-version"), expected).await;
    }

    /// The diary file About names.
    pub async fn diary_file(&self) -> String {
        self.app.text_content(&tid("about-diary")).await
    }

    pub async fn scroll_to_about(&self) {
        self.app.script("document.querySelector(arguments[0]).scrollIntoView()", vec![tid("about").into()]).await;
    }
}
