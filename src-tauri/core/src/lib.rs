//! rapport-core: the diary itself. Storage, migrations, rules and queries.
//!
//! Everything Rapport decides is decided here, so the desktop shell, tests and any future
//! command-line tool share one set of rules. Nothing here knows about windows or D-Bus.

mod clock;
mod diary;
mod error;
mod people;
mod text;
mod vocab;

pub use clock::{Clock, FixedClock, SystemClock};
pub use diary::{Diary, DIARY_FILE_NAME, SCHEMA_VERSION};
pub use error::{Error, Result};
pub use people::{Handle, NewHandle, PeopleList, Person, PersonEdit, PersonSummary};
pub use text::limits;
pub use vocab::{HandlePlatform, Rung};
