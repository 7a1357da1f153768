//! Devices: the same diary on several machines, through a folder the user already
//! syncs (Syncthing, Dropbox, Nextcloud, iCloud Drive). No server and no protocol of
//! our own: each device writes files into its own folder there and reads the others'.
//!
//! - `folder`: the files themselves, named by their content, written whole or not at
//!   all, and read only when whole; other devices' files are never changed.

pub mod folder;

pub use folder::{DeviceSeen, Found, Kind, Scan, Skipped, SyncFolder};
