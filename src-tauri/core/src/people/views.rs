//! Saved views of the People list: its filters and order kept under a name, shown in the
//! sidebar. Kept as one JSON value in the `setting` table, so no schema change is needed.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::people::search::PeopleQuery;
use crate::storage::diary::Diary;
use crate::storage::error::{Error, Result};
use crate::vocab::text::{self, limits};

/// A named People list: what it filters and how it is ordered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleView {
    pub id: i64,
    pub name: String,
    pub query: PeopleQuery,
}

/// The longest name a view may have: it has to fit the sidebar.
pub const VIEW_NAME_MAX: usize = 60;
/// The most views kept: more would push the screens' list off the sidebar.
pub const MOST_VIEWS: usize = 20;

/// The setting row holding every view.
const KEY: &str = "people_views";

impl Diary {
    /// The saved views, in the order they were made.
    pub fn people_views(&self) -> Result<Vec<PeopleView>> {
        let stored: Option<String> = self.conn.query_row("SELECT value FROM setting WHERE key = ?1", [KEY], |r| r.get(0)).optional()?;
        // Views written by a version that reads them differently are not worth failing over.
        Ok(stored.and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default())
    }

    /// Saves `query` as a new view called `name`; every view after.
    pub fn save_people_view(&mut self, name: &str, query: &PeopleQuery) -> Result<Vec<PeopleView>> {
        let mut views = self.people_views()?;
        if views.len() >= MOST_VIEWS {
            return Err(Error::invalid("name", format!("Keep at most {MOST_VIEWS} views; delete one first.")));
        }
        let name = checked_name(&views, None, name)?;
        let query = checked_query(query)?;
        let id = views.iter().map(|v| v.id).max().unwrap_or(0) + 1;
        views.push(PeopleView { id, name, query });
        self.store_views(&views)
    }

    /// Gives the view `id` a new name.
    pub fn rename_people_view(&mut self, id: i64, name: &str) -> Result<Vec<PeopleView>> {
        let mut views = self.people_views()?;
        let name = checked_name(&views, Some(id), name)?;
        let view = views.iter_mut().find(|v| v.id == id).ok_or_else(|| Error::not_found(format!("View {id}")))?;
        view.name = name;
        self.store_views(&views)
    }

    /// Deletes the view `id`; the people it listed are untouched.
    pub fn delete_people_view(&mut self, id: i64) -> Result<Vec<PeopleView>> {
        let mut views = self.people_views()?;
        let before = views.len();
        views.retain(|v| v.id != id);
        if views.len() == before {
            return Err(Error::not_found(format!("View {id}")));
        }
        self.store_views(&views)
    }

    fn store_views(&mut self, views: &[PeopleView]) -> Result<Vec<PeopleView>> {
        let json = serde_json::to_string(views).expect("views serialize");
        self.conn.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![KEY, json],
        )?;
        self.people_views()
    }
}

/// A trimmed name of 1 to [`VIEW_NAME_MAX`] characters that no other view has, in any case.
fn checked_name(views: &[PeopleView], renaming: Option<i64>, name: &str) -> Result<String> {
    let name = text::required_line("name", "The view's name", name, VIEW_NAME_MAX)?;
    let taken = views.iter().filter(|v| Some(v.id) != renaming).any(|v| v.name.to_lowercase() == name.to_lowercase());
    if taken {
        return Err(Error::invalid("name", format!("There is already a view called {name:?}.")));
    }
    Ok(name)
}

/// The query as the People list would run it: its text fields checked and trimmed.
fn checked_query(query: &PeopleQuery) -> Result<PeopleQuery> {
    let search = text::optional_line("search", "Search", &query.search, limits::LINE)?;
    let tag = match query.tag.as_deref() {
        Some(tag) => Some(text::optional_line("tag", "The tag", tag, limits::TAG)?).filter(|t| !t.is_empty()),
        None => None,
    };
    Ok(PeopleQuery { search, tag, ..query.clone() })
}
