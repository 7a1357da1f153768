use crate::{tid_in, App};

/// Today: the nudges and what is due.
pub struct Today<'a> {
    pub(crate) app: &'a App,
}

impl Today<'_> {
    pub async fn wait_for_nudges(&self) {
        self.app.wait_for(&tid_in("today", "nudges")).await;
    }
}
