use fantoccini::key::Key;
use serde_json::Value;

use crate::{tid, tid_in, App};

/// Quick-log, the form that logs a touch from anywhere.
pub struct QuickLog<'a> {
    pub(crate) app: &'a App,
}

impl QuickLog<'_> {
    /// Chooses the channel by its value (`direct_message`, `phone`…).
    pub async fn choose_channel(&self, channel: &str) {
        self.app.select(&tid("touch-channel"), channel).await;
    }

    /// `in` or `out`.
    /// Whether the Personal box shows (it means something for written touches only).
    pub async fn personal_shown(&self) -> bool {
        let script = "return !document.querySelector(arguments[0]).closest('label').hidden";
        self.app.script(script, vec![serde_json::json!(tid("touch-personal"))]).await == serde_json::json!(true)
    }

    pub async fn choose_direction(&self, direction: &str) {
        self.app.select(&tid("touch-direction"), direction).await;
    }

    pub async fn paste_notes(&self, notes: &str) {
        self.app.paste_into(&tid("touch-notes"), notes).await;
    }

    /// How long the notes are as the field holds them, read at once.
    pub async fn notes_length(&self) -> Value {
        self.app.script("return document.querySelector(arguments[0]).value.length", vec![tid("touch-notes").into()]).await
    }

    /// The day it happened, typed ("2026-04-31", "24 Dec").
    pub async fn type_day(&self, day: &str) {
        self.app.type_into(&tid("touch-when"), day).await;
    }

    pub async fn save(&self) {
        self.app.click(&tid("touch-save")).await;
    }

    /// Waits until the form has closed (no dialog is open).
    pub async fn wait_until_closed(&self) {
        self.app.wait_for_count("dialog[open]", 0).await;
    }

    pub async fn wait_for_notes_error(&self, expected: &str) {
        self.wait_for_error("notes", expected).await;
    }

    /// Waits for the message beside `field` (`people`, `notes`…).
    pub async fn wait_for_error(&self, field: &str, expected: &str) {
        self.app.wait_for_text(&tid(&format!("touch-error-{field}")), expected).await;
    }

    /// Types `keys` into the field that picks people, as they are (no clearing first).
    pub async fn type_in_people(&self, keys: &str) {
        let input = self.app.wait_for(&tid_in("quick-log", "touch-people-input")).await;
        input.send_keys(keys).await.unwrap();
    }

    /// Waits until the picker suggests someone.
    pub async fn wait_for_suggestion(&self) {
        self.app.wait_for(&tid("touch-people-option")).await;
    }

    /// Enter in the people field: picks the suggestion.
    pub async fn pick_suggestion(&self) {
        self.type_in_people(&char::from(Key::Enter).to_string()).await;
    }

    /// Waits until the chosen person's chip reads `expected` ("Bo Larsen✕").
    pub async fn wait_for_chosen(&self, expected: &str) {
        self.app.wait_for_text(&tid("touch-people-chip"), expected).await;
    }

    /// The channel chosen now (`phone`, `direct_message`…).
    pub async fn channel(&self) -> Value {
        self.app.property(&tid("touch-channel"), "value").await
    }

    /// Ctrl+Enter: logs the touch without leaving the keyboard.
    pub async fn log_with_ctrl_enter(&self) {
        self.type_in_people(&format!("{}{}{}", char::from(Key::Control), char::from(Key::Enter), char::from(Key::Control))).await;
    }
}
