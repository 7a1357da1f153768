//! Touches: logging and editing them, reading them back, and the figures they keep on
//! each person's row.

pub(crate) mod figures;
pub(crate) mod list;
pub(crate) mod log;

pub use list::{TouchCursor, TouchPage, TouchQuery, TOUCH_PAGE};
pub use log::{Touch, TouchInput, TouchLogged, TouchPerson};
