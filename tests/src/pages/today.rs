use serde_json::{json, Value};

use crate::pages::{PersonPage, QuickLog};
use crate::{tid, tid_in, App};

/// Today: what is due today, the nudges, what is overdue, and acting on many at once.
pub struct Today<'a> {
    pub(crate) app: &'a App,
}

/// A nudge as a row marks it.
#[derive(Debug, Clone)]
pub struct NudgeRef {
    pub person_id: i64,
    pub kind: String,
    pub name: String,
}

impl NudgeRef {
    fn row(&self) -> String {
        format!("{}[data-person=\"{}\"][data-kind=\"{}\"]", tid("nudge-row"), self.person_id, self.kind)
    }
}

impl<'a> Today<'a> {
    pub async fn wait_for_nudges(&self) {
        self.app.wait_for(&tid_in("today", "nudges")).await;
    }

    /// The bottom edges of the due-today section and of the nudges' list, and the
    /// window's inner height, in CSS pixels.
    pub async fn first_screen(&self) -> (f64, f64, f64) {
        self.app.wait_for(&tid_in("nudges", "nudge-row")).await;
        let v: Value = self
            .app
            .script(
                "const b = (s) => document.querySelector(s).getBoundingClientRect().bottom;
                 return [b(arguments[0]), b(arguments[1]), window.innerHeight];",
                vec![json!(tid("due-today")), json!(format!("{} ol", tid("nudges")))],
            )
            .await;
        let n = |i: usize| v[i].as_f64().unwrap();
        (n(0), n(1), n(2))
    }

    /// How many rows "Due today" lists.
    pub async fn due_today_count(&self) -> usize {
        self.app.count(&tid_in("due-today", "follow-up-row")).await
    }

    pub async fn wait_for_due_today_count(&self, n: usize) {
        self.app.wait_for_count(&tid_in("due-today", "follow-up-row"), n).await;
    }

    /// The number of overdue follow-ups, as the heading counts them.
    pub async fn overdue_total(&self) -> u32 {
        self.app.text(&tid("overdue-total")).await.replace(',', "").parse().unwrap()
    }

    pub async fn wait_for_overdue_total(&self, n: u32) {
        self.app.wait_for_text(&tid("overdue-total"), &n.to_string()).await;
    }

    /// Clicks the "Drop the N more than … late" button whose label has `words`
    /// ("a month"); returns its label.
    pub async fn drop_more_than(&self, words: &str) -> String {
        let script = "return [...document.querySelectorAll(arguments[0])].filter(b => b.textContent.includes(arguments[1]))
                        .map(b => [b.dataset.before, b.textContent])[0] ?? null";
        let found = self.app.script(script, vec![json!(tid("drop-before")), json!(words)]).await;
        let before = found[0].as_str().unwrap_or_else(|| panic!("no drop choice with {words:?}"));
        self.app.click(&format!("{}[data-before=\"{before}\"]", tid("drop-before"))).await;
        found[1].as_str().unwrap().to_owned()
    }

    /// The first nudge of `kind` listed here.
    pub async fn nudge_of_kind(&self, kind: &str) -> NudgeRef {
        self.app.wait_for(&tid_in("nudges", "nudge-row")).await;
        let script = "const r = document.querySelector(arguments[0]);
                      return r && [Number(r.dataset.person), r.querySelector('a').textContent];";
        let css = format!("{} {}[data-kind=\"{kind}\"]", tid("nudges"), tid("nudge-row"));
        let found = self.app.script(script, vec![json!(css)]).await;
        let person_id = found[0].as_i64().unwrap_or_else(|| panic!("no {kind} nudge on Today"));
        NudgeRef { person_id, kind: kind.into(), name: found[1].as_str().unwrap().to_owned() }
    }

    /// The nudge's own action ("Log the call"): the quick log opens on its channel.
    pub async fn act_on(&self, nudge: &NudgeRef) -> QuickLog<'a> {
        self.app.click(&format!("{} {}", nudge.row(), tid("nudge-act"))).await;
        self.app.wait_for(&tid_in("quick-log", "touch-people-chip")).await;
        QuickLog { app: self.app }
    }

    pub async fn wait_until_gone(&self, nudge: &NudgeRef) {
        self.app.wait_for_count(&format!("{} {}", tid("nudges"), nudge.row()), 0).await;
    }

    /// Opens the page of the person a nudge is about.
    pub async fn open_person(&self, nudge: &NudgeRef) -> PersonPage<'a> {
        let page = self.app.open_person(nudge.person_id).await;
        page.wait_for_name(&nudge.name).await;
        page
    }
}
