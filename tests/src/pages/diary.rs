use crate::{tid, App};

/// The Diary: every touch, newest first.
pub struct Diary<'a> {
    pub(crate) app: &'a App,
}

impl Diary<'_> {
    /// Waits until the status line says `expected` ("3 touches shown").
    pub async fn wait_for_status(&self, expected: &str) {
        self.app.wait_for_text(&tid("diary-status"), expected).await;
    }

    /// Who the first touch was with.
    pub async fn first_touch_people(&self) -> String {
        self.app.text(&tid("touch-people")).await
    }

    /// Deletes the first touch, answering yes when asked.
    pub async fn delete_first(&self) {
        self.app.click(&tid("touch-delete")).await;
        self.app.click(&tid("touch-delete-confirm")).await;
    }
}
