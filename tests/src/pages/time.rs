use crate::{tid, App};

/// Time: the social-media timer, sessions and budgets.
pub struct Time<'a> {
    pub(crate) app: &'a App,
}

impl Time<'_> {
    /// Starts the timer on `platform` (its key: `linkedin`).
    pub async fn start(&self, platform: &str) {
        self.app.click(&tid(&format!("timer-start-{platform}"))).await;
    }

    /// Waits until there is a start button for `platform` (the timer is not running).
    pub async fn wait_for_start_button(&self, platform: &str) {
        self.app.wait_for(&tid(&format!("timer-start-{platform}"))).await;
    }

    /// Waits until the start button for `platform` reads `label`.
    pub async fn wait_for_start_button_labelled(&self, platform: &str, label: &str) {
        self.app.wait_for_text(&tid(&format!("timer-start-{platform}")), label).await;
    }

    /// Waits until the running timer names `platform` ("LinkedIn").
    pub async fn wait_for_running(&self, platform: &str) {
        self.app.wait_for_text(&tid("timer-platform"), platform).await;
    }

    /// When the running timer started, as its `datetime` attribute holds it.
    pub async fn running_since(&self) -> String {
        self.app.wait_for(&tid("timer-since")).await.attr("datetime").await.unwrap().unwrap()
    }

    pub async fn stop(&self) {
        self.app.click(&tid("timer-stop")).await;
    }

    /// Enters a session by hand: the day as typed, from and to as `HH:MM`.
    pub async fn add_session(&self, day: &str, from: &str, to: &str) {
        self.app.type_into(&tid("session-day"), day).await;
        self.app.paste_into(&tid("session-from"), from).await;
        self.app.paste_into(&tid("session-to"), to).await;
        self.app.click(&tid("session-add")).await;
    }

    /// Waits for the session form's message ("" for none).
    pub async fn wait_for_session_error(&self, expected: &str) {
        self.app.wait_for_text(&tid("session-error"), expected).await;
    }

    /// The first session's duration as listed ("0:00:02").
    pub async fn session_duration(&self) -> String {
        self.app.text(&tid("session-duration")).await
    }

    /// Sets the weekly budget for social media as a whole, in hours.
    pub async fn set_weekly_budget(&self, hours: &str) {
        self.app.type_into(&tid("budget-all-input"), hours).await;
        self.app.click(&tid("budget-all-set")).await;
    }

    /// Sets the weekly budget of `scope` (`all` or a platform key), in minutes.
    pub async fn set_budget(&self, scope: &str, minutes: u32) {
        self.app.type_into(&tid(&format!("budget-{scope}-input")), &minutes.to_string()).await;
        self.app.click(&tid(&format!("budget-{scope}-set"))).await;
    }

    /// Waits until the budget of `scope` says it used `expected` ("1 h 2 min of 1 h 15 min").
    pub async fn wait_for_budget_used(&self, scope: &str, expected: &str) {
        self.app.wait_for_text(&tid(&format!("budget-{scope}-used")), expected).await;
    }

    /// Waits until what the timer says is left contains `expected`.
    pub async fn wait_for_left(&self, expected: &str) {
        self.app.wait_for_text_containing(&tid("timer-left"), expected).await;
    }
}

/// The running timer in the sidebar, on every screen.
pub struct SidebarTimer<'a> {
    pub(crate) app: &'a App,
}

impl SidebarTimer<'_> {
    /// Waits until the sidebar shows a timer running on `platform` ("LinkedIn").
    pub async fn wait_for_running(&self, platform: &str) {
        self.app.wait_for_text(&tid("sidebar-timer-platform"), platform).await;
    }

    /// The minutes it has run, as shown ("0 min").
    pub async fn minutes(&self) -> String {
        self.app.text(&tid("sidebar-timer-minutes")).await
    }

    pub async fn stop(&self) {
        self.app.click(&tid("sidebar-timer-stop")).await;
    }

    /// Waits until the sidebar shows no timer.
    pub async fn wait_until_gone(&self) {
        self.app.wait_for(&format!("{}[hidden]", tid("sidebar-timer"))).await;
        self.app.wait_for_count(&tid("sidebar-timer-stop"), 0).await;
    }
}
