//! The ladder: what each touch proves, every rung change with its cause, and the board.

pub(crate) mod board;
pub(crate) mod rungs;

pub use board::{BoardCard, BoardColumn, BoardQuery, BOARD_CARDS};
pub use rungs::{rung_proved_by, RungChange, TouchFacts};
