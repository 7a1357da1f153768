use fantoccini::key::Key;
use serde_json::{json, Value};

use crate::{tid, tid_in, App};

/// The Ladder board: a column per rung, a card per person.
pub struct Ladder<'a> {
    pub(crate) app: &'a App,
}

impl Ladder<'_> {
    /// Waits until the column of `rung` counts `expected`.
    pub async fn wait_for_count(&self, rung: &str, expected: &str) {
        self.app.wait_for_text(&tid(&format!("count-{rung}")), expected).await;
    }

    pub async fn count(&self, rung: &str) -> String {
        self.app.text(&tid(&format!("count-{rung}"))).await
    }

    fn cards(rung: &str) -> String {
        tid_in(&format!("column-{rung}"), "ladder-card")
    }

    /// The name on the first card under `rung`.
    pub async fn first_name(&self, rung: &str) -> String {
        self.app.text_content(&format!("{} .name", Self::cards(rung))).await
    }

    /// Every name under `rung`, sorted.
    pub async fn names(&self, rung: &str) -> Value {
        let script = "return [...document.querySelectorAll(arguments[0])].map(n => n.textContent).sort()";
        self.app.script(script, vec![json!(format!("{} .name", Self::cards(rung)))]).await
    }

    /// Shift+→ on the first card under `rung`: one rung up, by keyboard.
    pub async fn move_up(&self, rung: &str) {
        let card = self.app.wait_for(&Self::cards(rung)).await;
        card.send_keys(&format!("{}{}", char::from(Key::Shift), char::from(Key::Right))).await.unwrap();
    }
}
