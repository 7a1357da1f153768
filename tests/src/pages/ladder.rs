use fantoccini::key::Key;
use serde_json::{json, Value};

use crate::pages::{People, PersonPage};
use crate::{eventually, ok_if, tid, tid_in, App};

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

    /// How many cards the column of `rung` shows.
    pub async fn card_count(&self, rung: &str) -> usize {
        self.app.count(&Self::cards(rung)).await
    }

    pub async fn wait_for_cards(&self, rung: &str, n: usize) {
        self.app.wait_for_count(&Self::cards(rung), n).await;
    }

    /// What the column's "Show … more" button says.
    pub async fn more_label(&self, rung: &str) -> String {
        self.app.text(&tid(&format!("more-{rung}"))).await
    }

    /// Clicks "Show … more" under `rung`: the column's next page.
    pub async fn show_more(&self, rung: &str) {
        self.app.click(&tid(&format!("more-{rung}"))).await;
    }

    fn card(rung: &str, n: usize) -> String {
        format!("{}:nth-child({n})", Self::cards(rung))
    }

    /// The name on the `n`th card (from 1) under `rung`.
    pub async fn card_name(&self, rung: &str, n: usize) -> String {
        self.app.text_content(&format!("{} .name", Self::card(rung, n))).await
    }

    /// One click on the `n`th card under `rung`: their page.
    pub async fn click_card(&self, rung: &str, n: usize) -> PersonPage<'_> {
        self.app.click(&Self::card(rung, n)).await;
        PersonPage { app: self.app }
    }

    /// Enter on the `n`th card under `rung`, focused as Tab would: their page.
    pub async fn enter_on_card(&self, rung: &str, n: usize) -> PersonPage<'_> {
        let card = self.app.wait_for(&Self::card(rung, n)).await;
        self.app.script("arguments[0].focus()", vec![json!(card)]).await;
        card.send_keys(&char::from(Key::Enter).to_string()).await.unwrap();
        PersonPage { app: self.app }
    }

    /// Chooses how the cards are ordered (`waiting`, `recent`, `name`) and waits until the
    /// first card under `rung` is `first`.
    pub async fn order_by(&self, order: &str, rung: &str, first: &str) {
        self.app.select(&tid("ladder-order"), order).await;
        eventually(&format!("{first} first under {rung}"), async || {
            let found = self.first_name(rung).await;
            ok_if(found == first, found)
        })
        .await;
    }

    pub async fn order(&self) -> Value {
        self.app.property(&tid("ladder-order"), "value").await
    }

    /// Follows the count of `rung` to the People list.
    pub async fn follow_count(&self, rung: &str) -> People<'_> {
        self.app.click(&tid(&format!("count-{rung}"))).await;
        People { app: self.app }
    }
}
