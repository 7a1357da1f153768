//! rapport-core: the diary itself. Storage, migrations, rules and queries.
//!
//! Everything Rapport decides is decided here, so the desktop shell, tests and any future
//! command-line tool share one set of rules. Nothing here knows about windows or D-Bus.

pub mod backups;
mod budgets;
mod clock;
mod diary;
mod error;
mod export;
mod export_csv;
mod export_ics;
mod export_vcard;
mod figures;
mod follow_ups;
mod handles;
mod import;
mod ladder;
mod merge;
mod nudges;
mod people;
mod person_page;
mod reminders;
pub mod sample;
mod search;
mod sessions;
mod settings;
mod sql;
mod text;
mod time;
mod touches;
mod vocab;
mod week;
mod week_markdown;
mod week_reflection;

pub use budgets::{BudgetStatus, BudgetUse, PlatformYield, WeekMinutes, ALL as ALL_PLATFORMS};
pub use clock::{Clock, FixedClock, SystemClock};
pub use diary::{Diary, DIARY_FILE_NAME, SCHEMA_VERSION};
pub use error::{Error, Result};
pub use export::TABLES as EXPORTED_TABLES;
pub use follow_ups::{Agenda, FollowUp, FollowUpInput, Snooze, SnoozeChoice, OVERDUE_SHOWN};
pub use handles::{Handle, NewHandle};
pub use import::{
    parse_bytes as parse_import_bytes, Contact, ImportAction, ImportCounts, ImportFormat, ImportPreview, ImportRow, ParsedFile, Rejection,
    MAX_IMPORT_BYTES, PREVIEW_ROWS,
};
pub use ladder::{rung_proved_by, RungChange, TouchFacts};
pub use nudges::{follow_up_verb, Nudge, Today, NUDGES_PER_KIND};
pub use people::{Person, PersonEdit};
pub use person_page::{BoardCard, BoardColumn, PersonFigures, PersonPage, TimelineItem, BOARD_CARDS};
pub use reminders::Reminder;
pub use search::{PeopleList, PeopleQuery, PersonSummary, PEOPLE_PAGE};
pub use sessions::{LongTimer, Platform, RunningTimer, Session, SessionInput};
pub use settings::{QuietHours, ReviewTime, Settings, MAX_REVIEW_PROMPTS};
pub use text::limits;
pub use touches::{Touch, TouchCursor, TouchInput, TouchLogged, TouchPage, TouchPerson, TouchQuery};
pub use vocab::{Channel, Direction, FollowUpKind, FollowUpStatus, HandlePlatform, NudgeKind, Outcome, Rung, RungCause};
pub use week::{
    ChannelCount, FollowUpWeek, LadderMove, LadderWeek, Money, Outcomes, RungCount, TouchMix, WeekReview, WeekTrend, MOVES_SHOWN,
    TREND_WEEKS,
};
pub use week_reflection::{Answer, Intention, Reflection};
