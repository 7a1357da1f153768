//! Devices: the same diary on several machines, through a folder the user already
//! syncs (Syncthing, Dropbox, Nextcloud, iCloud Drive). No server and no protocol of
//! our own: each device writes files into its own folder there and reads the others'.
//!
//! - `folder`: the files themselves, named by their content, written whole or not at
//!   all, and read only when whole; other devices' files are never changed.
//! - `rows`: what of the diary travels, how each row is named on every device, and the
//!   canonical dump two devices compare once they have merged the same edits.
//! - `apply`: rows from other devices put in place by those names, in one transaction.
//! - `capture`: every row changed here, named as every device names it, by triggers.
//! - `model`: how rows are held in the Loro documents (which document, field or value).
//! - `engine`: the documents held between rounds, and one round of sync through the folder.
//! - `device`: this device's id and name, its folder, and the files it wrote, so a copy
//!   of the diary elsewhere never writes under its id.

mod apply;
pub(crate) mod capture;
mod device;
mod engine;
pub mod folder;
mod model;
pub(crate) mod rows;

/// How often a device runs a round while sync is on: an edit elsewhere is on screen at
/// most this long after its file arrives, plus the round. A round with nothing new costs
/// a scan of the folder (about 2 ms on a diary of 1,000 people), so once a second costs
/// nothing a user would see.
pub const ROUND_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

/// How long the app's round reads other devices' documents before it lets the window
/// have the diary and goes on in the next round (`Engine::in_steps`).
pub const ROUND_BUDGET: std::time::Duration = std::time::Duration::from_millis(250);

pub use device::ThisDevice;
pub use engine::{Engine, Progress, ProgressNow, Synced};
pub use folder::{DeviceSeen, Found, Kind, Scan, Skipped, SyncFolder};
pub use rows::Row;
