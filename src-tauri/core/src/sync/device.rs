//! This device: its id and name among the others, the folder it syncs through, and
//! the count of the files it has written. Kept in the diary but never exported or
//! synced, so it describes this machine only.

use std::path::{Path, PathBuf};

use rusqlite::OptionalExtension;
use serde::Serialize;

use super::folder::{Found, Kind, SyncFolder};
use crate::storage::diary::Diary;
use crate::storage::error::{Error, Result};
use crate::vocab::text;

/// This device, as sync knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThisDevice {
    /// 16 hex digits, random: its folder's name in the sync folder.
    pub id: String,
    pub name: String,
    pub folder: PathBuf,
    pub turned_on_at: i64,
    pub last_seq: u64,
}

impl Diary {
    /// This device, if sync is on.
    pub fn this_device(&self) -> Result<Option<ThisDevice>> {
        Ok(self
            .conn
            .query_row("SELECT id, name, folder, turned_on_at, last_seq FROM this_device", [], |r| {
                Ok(ThisDevice {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    folder: PathBuf::from(r.get::<_, String>(2)?),
                    turned_on_at: r.get(3)?,
                    last_seq: r.get::<_, i64>(4)?.max(0) as u64,
                })
            })
            .optional()?)
    }

    /// Turns sync on through `folder` (made ready for this device) under `name`. Turned
    /// on already, it changes the name and the folder and keeps the id.
    pub fn turn_sync_on(&mut self, folder: &Path, name: &str) -> Result<ThisDevice> {
        if folder.as_os_str().is_empty() {
            return Err(Error::invalid("folder", "Choose the folder your sync tool keeps on every device."));
        }
        let name = text::required_line("name", "The device's name", name, text::limits::LINE)?;
        let now = self.now().timestamp();
        let was = self.this_device()?;
        let id = match &was {
            Some(device) => device.id.clone(),
            None => self.conn.query_row("SELECT lower(hex(randomblob(8)))", [], |r| r.get(0))?,
        };
        SyncFolder::open(folder, &id)?;
        let folder_text = folder.to_str().ok_or_else(|| Error::invalid("folder", "The folder's path is not text Rapport can keep."))?;
        let tx = self.conn.savepoint()?;
        tx.execute(
            "INSERT INTO this_device (only, id, name, folder, turned_on_at) VALUES (1, ?1, ?2, ?3, ?4)
             ON CONFLICT (only) DO UPDATE SET name = excluded.name, folder = excluded.folder",
            rusqlite::params![id, name, folder_text, now],
        )?;
        // Another folder is another set of devices: the whole diary goes to them.
        if was.as_ref().is_none_or(|d| d.folder != folder) {
            tx.execute("DELETE FROM sync_change", [])?;
            tx.execute("DELETE FROM sync_applied", [])?;
            tx.execute("UPDATE this_device SET joined = 0", [])?;
            super::capture::everything(&tx)?;
        }
        tx.commit()?;
        self.this_device()?.ok_or_else(|| Error::Damaged("this device was not kept".into()))
    }

    /// How many rows changed here wait to go into this device's files (a row changed
    /// twice is one).
    pub fn sync_waiting(&self) -> Result<u64> {
        let sql = "SELECT count(*) FROM (SELECT DISTINCT tbl, key FROM sync_change)";
        Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))?.max(0) as u64)
    }

    /// Turns sync off: the diary stays whole on this device; the files stay in the
    /// folder for the other devices.
    pub fn turn_sync_off(&mut self) -> Result<()> {
        let tx = self.conn.savepoint()?;
        tx.execute("DELETE FROM this_device", [])?;
        tx.execute("DELETE FROM this_device_file", [])?;
        tx.execute("DELETE FROM sync_change", [])?;
        tx.execute("DELETE FROM sync_applied", [])?;
        tx.commit()?;
        Ok(())
    }

    /// Writes this device's next file for `doc` and remembers it as its own.
    pub fn write_sync_file(&mut self, doc: &str, kind: Kind, bytes: &[u8]) -> Result<Found> {
        let device = self.this_device()?.ok_or_else(|| Error::invalid("sync", "Sync is off on this device."))?;
        let folder = SyncFolder::open(&device.folder, &device.id)?;
        let found = folder.write(doc, kind, device.last_seq + 1, bytes)?;
        let tx = self.conn.savepoint()?;
        tx.execute("UPDATE this_device SET last_seq = ?1", [found.seq as i64])?;
        tx.execute("INSERT OR IGNORE INTO this_device_file (hash) VALUES (?1)", [&found.hash])?;
        tx.commit()?;
        Ok(found)
    }

    /// Makes sure no one else writes under this device's id: a file in its folder that
    /// it did not write means a copy of this diary syncs from another machine, or a
    /// backup was restored here. This device then takes a new id, and its own files
    /// (the copy's too) stay where they are for the others to read. Returns whether it
    /// took one.
    pub fn claim_device_id(&mut self) -> Result<bool> {
        let Some(device) = self.this_device()? else { return Ok(false) };
        let folder = SyncFolder::open(&device.folder, &device.id)?;
        let mut mine = self.conn.prepare_cached("SELECT 1 FROM this_device_file WHERE hash = ?1")?;
        let mut foreign = false;
        for file in folder.scan()?.files.iter().filter(|f| f.device == device.id) {
            if !mine.exists([&file.hash])? {
                foreign = true;
                break;
            }
        }
        drop(mine);
        if foreign {
            let id: String = self.conn.query_row("SELECT lower(hex(randomblob(8)))", [], |r| r.get(0))?;
            SyncFolder::open(&device.folder, &id)?;
            let tx = self.conn.savepoint()?;
            tx.execute("UPDATE this_device SET id = ?1, last_seq = 0", [&id])?;
            // Its own files so far are in this diary: read as another device's now, they
            // are applied already, and its next edits build on them.
            tx.execute("INSERT OR IGNORE INTO sync_applied (hash) SELECT hash FROM this_device_file", [])?;
            tx.execute("DELETE FROM this_device_file", [])?;
            tx.commit()?;
        }
        Ok(foreign)
    }
}
