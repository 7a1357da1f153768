//! dunst, the real notification server the journeys run: what it showed, and clicking
//! or choosing a notification's actions as a user does.

use serde_json::Value;

use crate::wait::{eventually, ok_if};
use crate::{dunstctl, Desktop};

impl Desktop {
    /// Every notification dunst has shown, as (app name, summary, body), oldest first.
    /// dunst lists only closed notifications, so this closes all first.
    pub fn notifications(&self) -> Vec<(String, String, String)> {
        dunstctl(&self.bus_address, &["close-all"]);
        let history = dunstctl(&self.bus_address, &["history"]).expect("dunstctl history");
        let json: Value = serde_json::from_str(&history).expect("dunst's history is JSON");
        let field = |n: &Value, key: &str| n[key]["data"].as_str().unwrap_or_default().to_owned();
        let mut shown: Vec<_> = json["data"][0]
            .as_array()
            .map(|list| {
                list.iter()
                    .map(|n| (n["id"]["data"].as_i64().unwrap_or(0), (field(n, "appname"), field(n, "summary"), field(n, "body"))))
                    .collect()
            })
            .unwrap_or_default();
        shown.sort_by_key(|(id, _)| *id);
        shown.into_iter().map(|(_, n)| n).collect()
    }

    /// Waits until dunst is showing a notification, then clicks its default action
    /// (what clicking the bubble does).
    pub async fn click_notification(&self) {
        self.wait_for_notification_on_screen().await;
        dunstctl(&self.bus_address, &["action", "0"]).expect("dunstctl action");
    }

    /// Waits until dunst is showing a notification, then picks its action `label`
    /// ("Done", "Snooze 1 h") from dunst's context menu, as a user would.
    pub async fn choose_notification_action(&self, label: &str) {
        self.wait_for_notification_on_screen().await;
        std::fs::write(self.dir.path().join("pick"), label).unwrap();
        dunstctl(&self.bus_address, &["context"]).expect("dunstctl context");
    }

    /// Waits until dunst has shown `count` notifications, then returns them all.
    pub async fn wait_for_notifications(&self, count: usize) -> Vec<(String, String, String)> {
        eventually(&format!("{count} notifications"), async || {
            let shown = self.notifications();
            if shown.len() >= count {
                Ok(shown)
            } else {
                Err(shown)
            }
        })
        .await
    }

    async fn wait_for_notification_on_screen(&self) {
        eventually("a notification on screen", async || {
            let displayed = dunstctl(&self.bus_address, &["count", "displayed"]);
            ok_if(displayed.as_deref().is_some_and(|n| n.trim() != "0"), displayed)
        })
        .await;
    }
}
