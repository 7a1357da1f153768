//! rapport-core: the diary itself. Storage, migrations, rules and queries.
//!
//! Everything Rapport decides is decided here, so the desktop shell, tests and any future
//! command-line tool share one set of rules. Nothing here knows about windows or D-Bus.
//!
//! The public surface is grouped as the domain is: each module below is one area, and
//! its items are reached through it (`rapport_core::people::Person`). Only the diary
//! itself and its error are also at the top, since every caller needs them.

pub mod clock;
pub mod storage;
pub mod vocab;

pub mod agenda;
pub mod funnel;
pub mod ladder;
pub mod people;
pub mod sync;
pub mod time;
pub mod touches;
pub mod transfer;
pub mod week;

pub use storage::{Diary, Error, Result};
