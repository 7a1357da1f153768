use serde_json::{json, Value};

use crate::{eventually, ok_if, tid, App};

/// The review of likely duplicates: pairs side by side, answered by keys.
pub struct Duplicates<'a> {
    pub(crate) app: &'a App,
}

impl Duplicates<'_> {
    /// Waits until the count above the pairs says `expected` ("3 pairs to review").
    pub async fn wait_for_count(&self, expected: &str) {
        self.app.wait_for_text(&tid("duplicates-count"), expected).await;
    }

    /// Each pair shown, as (kept, merged in) names, top first.
    pub async fn pairs(&self) -> Value {
        let script = "return [...document.querySelectorAll('[data-testid=duplicate-case]')].map(c =>
            [...c.querySelectorAll('[data-testid=duplicate-name]')].map(n => n.textContent))";
        self.app.script(script, vec![]).await
    }

    /// Waits until the pair with the keyboard's focus is the one of `kept` and `absorbed`.
    pub async fn wait_for_focus_on(&self, kept: &str, absorbed: &str) {
        eventually(&format!("the focus on the pair {kept} / {absorbed}"), async || {
            let script = "const c = document.activeElement; return c?.dataset.testid === 'duplicate-case'
                ? [...c.querySelectorAll('[data-testid=duplicate-name]')].map(n => n.textContent) : null";
            let found = self.app.script(script, vec![]).await;
            ok_if(found == json!([kept, absorbed]), found)
        })
        .await;
    }

    /// Presses `key` as a user would, on whatever has the focus.
    pub async fn press(&self, key: &str) {
        self.app.client.active_element().await.unwrap().send_keys(key).await.unwrap();
    }

    /// The reasons given for the pair at the top.
    pub async fn first_reasons(&self) -> String {
        self.app.text(&tid("duplicate-reasons")).await
    }
}
