use crate::{tid, App};

/// What the window shows when the diary file cannot be opened: why, the backups, another file.
pub struct DiaryError<'a> {
    pub(crate) app: &'a App,
}

impl DiaryError<'_> {
    pub async fn wait_for_heading(&self, expected: &str) {
        self.app.wait_for_text(&format!("{} h1", tid("diary-error")), expected).await;
    }

    /// The whole message.
    pub async fn message(&self) -> String {
        self.app.text(&tid("diary-error")).await
    }

    pub async fn wait_for_backup(&self) {
        self.app.wait_for(&tid("backup-row")).await;
    }

    pub async fn backups(&self) -> usize {
        self.app.count(&tid("backup-row")).await
    }

    /// Restores the first backup, answering yes when asked.
    pub async fn restore_first_backup(&self) {
        self.app.click(&tid("backup-restore")).await;
        self.app.click(&tid("restore-confirm-yes")).await;
    }

    pub async fn wait_for_backup_status(&self, expected: &str) {
        self.app.wait_for_text_containing(&tid("backup-status"), expected).await;
    }

    /// "Use another diary file…": the native open dialog opens.
    pub async fn use_another_file(&self) {
        self.app.click(&tid("open-other-diary")).await;
    }

    pub async fn wait_for_other_file_status(&self, expected: &str) {
        self.app.wait_for_text_containing(&tid("other-diary-status"), expected).await;
    }
}
