//! Storage: the diary file, its migrations, settings, errors, and putting SQL together.

pub(crate) mod diary;
pub(crate) mod error;
pub mod layout;
pub(crate) mod settings;
pub(crate) mod shortcut;
pub(crate) mod sql;
pub(crate) mod uid;

pub use diary::{Diary, DIARY_FILE_NAME, SCHEMA_VERSION};
pub use error::{Error, Problem, Result};
pub use settings::{DateLeadDays, QuietHours, ReviewTime, Settings, MAX_DATE_LEAD_DAYS, MAX_REVIEW_PROMPTS};
