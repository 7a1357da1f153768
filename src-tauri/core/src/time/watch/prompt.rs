//! The prompt after a watched session: "14 min on LinkedIn: who did you talk to?", so the
//! time turns into a logged touch while it is fresh. At most one per platform an hour,
//! none in quiet hours, none when the setting is off.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::clock::durations::duration_text;
use crate::storage::diary::Diary;
use crate::storage::error::Result;
use crate::time::sessions::Session;
use crate::vocab::{Channel, HandlePlatform};

/// Sessions from this long on end with a prompt.
pub const PROMPT_AFTER_SECONDS: i64 = 5 * 60;

/// At most one prompt per platform in this long.
pub const PROMPT_EVERY_SECONDS: i64 = 3600;

/// How many people the quick log offers first.
const RECENT_PEOPLE: i64 = 5;

/// Asks who a watched session was spent with; its action opens the quick log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogPrompt {
    pub session_id: i64,
    /// The session's platform key.
    pub platform: String,
    /// "14 min on LinkedIn: who did you talk to?"
    pub summary: String,
    /// What the quick log fills in: the touch's platform (none for a platform touches
    /// cannot name, such as one the user added) and its channel.
    pub touch_platform: Option<HandlePlatform>,
    pub channel: Channel,
    /// The people most recently touched on that platform, newest first.
    pub people: Vec<RecentPerson>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentPerson {
    pub id: i64,
    pub display_name: String,
}

/// Where the last prompt for a platform is remembered.
fn state_key(platform: &str) -> String {
    format!("state.watch_prompt.{platform}")
}

impl Diary {
    /// The prompt due for a watched session that just ended at `at`, if any; a prompt
    /// returned counts toward the hour's limit.
    pub(crate) fn log_prompt(&mut self, session: &Session, at: DateTime<Utc>) -> Result<Option<LogPrompt>> {
        let Some(ended) = session.ended_at else { return Ok(None) };
        let seconds = (ended - session.started_at).num_seconds();
        let settings = self.settings()?;
        if seconds < PROMPT_AFTER_SECONDS || !settings.log_prompts || self.in_quiet_hours(settings.quiet_hours, at) {
            return Ok(None);
        }
        let key = state_key(&session.platform);
        let last: Option<i64> = self.state(&key)?.and_then(|v| v.parse().ok());
        if last.is_some_and(|last| at.timestamp() - last < PROMPT_EVERY_SECONDS) {
            return Ok(None);
        }
        self.set_state(&key, &at.timestamp().to_string())?;
        let label = self.platforms()?.into_iter().find(|p| p.key == session.platform).map_or(session.platform.clone(), |p| p.label);
        Ok(Some(LogPrompt {
            session_id: session.id,
            platform: session.platform.clone(),
            summary: format!("{} on {label}: who did you talk to?", duration_text(seconds)),
            touch_platform: HandlePlatform::parse(&session.platform),
            channel: Channel::DirectMessage,
            people: self.recently_touched_on(&session.platform)?,
        }))
    }

    /// The people most recently touched on `platform`, newest first (archived and merged
    /// people left out).
    pub fn recently_touched_on(&self, platform: &str) -> Result<Vec<RecentPerson>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.display_name FROM touch t
             JOIN touch_person tp ON tp.touch_id = t.id
             JOIN person p ON p.id = tp.person_id AND p.archived_at IS NULL AND p.merged_into IS NULL
             WHERE t.platform = ?1 AND t.deleted_at IS NULL
             GROUP BY p.id ORDER BY max(t.happened_at) DESC, p.id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![platform, RECENT_PEOPLE], |r| Ok(RecentPerson { id: r.get(0)?, display_name: r.get(1)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
