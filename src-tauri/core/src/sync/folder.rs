//! The sync folder on disk. Inside the folder the user chose:
//!
//! ```text
//! Rapport/devices/<device>/device.json              who the device is, when it last wrote
//! Rapport/devices/<device>/<doc>/upd-<seq>-<hash>.loro   its own edits, never rewritten
//! Rapport/devices/<device>/<doc>/snap-<seq>-<hash>.loro  its edits folded into one
//! ```
//!
//! A file is named by the first 128 bits of its SHA-256, so a reader knows a file is
//! whole before it reads it as a document: a file still arriving, cut short or damaged
//! is skipped and tried again at the next scan, never fatal. Sync tools' conflict copies
//! (`….sync-conflict-…`, `… (conflicted copy …)`) are read like the file they copy:
//! the same content under another name changes nothing. A device writes only into its
//! own folder, each file beside itself first, flushed to disk, then renamed in.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::storage::error::{Error, Result};

/// The folder Rapport keeps inside the one the user chose.
const APP_FOLDER: &str = "Rapport";
const DEVICES: &str = "devices";
const CARD: &str = "device.json";
const EXTENSION: &str = ".loro";

/// What a file holds: a device's new edits, or all its edits folded into one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Update,
    Snapshot,
}

impl Kind {
    fn prefix(self) -> &'static str {
        match self {
            Kind::Update => "upd",
            Kind::Snapshot => "snap",
        }
    }
}

/// A whole-looking file of some device's, found by a scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub device: String,
    pub doc: String,
    pub kind: Kind,
    /// The writer's own count, so its files read in the order it wrote them.
    pub seq: u64,
    /// The content's hash, as its name gives it: a conflict copy has its original's.
    pub hash: String,
    pub path: PathBuf,
    pub size: u64,
}

/// A file a scan or a read passed over, and why; `retry` when it may yet be whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub path: PathBuf,
    pub why: String,
    pub retry: bool,
}

/// Another device (or this one), as its `device.json` tells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceSeen {
    pub id: String,
    pub name: String,
    /// When it last wrote a file, epoch seconds.
    pub wrote_at: i64,
}

/// What one look at the folder found.
#[derive(Debug, Default)]
pub struct Scan {
    /// Every device's files, ordered by device, document, then the writer's count.
    pub files: Vec<Found>,
    pub skipped: Vec<Skipped>,
    pub devices: Vec<DeviceSeen>,
}

/// The sync folder as one device sees it.
#[derive(Debug, Clone)]
pub struct SyncFolder {
    devices: PathBuf,
    me: String,
}

impl SyncFolder {
    /// The folder the user chose, for device `me`; makes this device's own folder.
    pub fn open(chosen: &Path, me: &str) -> Result<SyncFolder> {
        if !is_name(me) {
            return Err(Error::invalid("device", format!("\"{me}\" is not a device id (letters, digits and - only).")));
        }
        if !chosen.is_dir() {
            return Err(Error::invalid("folder", format!("{} is not a folder that can be opened.", chosen.display())));
        }
        let devices = chosen.join(APP_FOLDER).join(DEVICES);
        fs::create_dir_all(devices.join(me))
            .map_err(|e| Error::invalid("folder", format!("Rapport could not make its folder in {}: {e}.", chosen.display())))?;
        Ok(SyncFolder { devices, me: me.to_owned() })
    }

    pub fn me(&self) -> &str {
        &self.me
    }

    /// This device's folder of `doc`'s files.
    pub fn own_folder(&self, doc: &str) -> PathBuf {
        self.devices.join(&self.me).join(doc)
    }

    /// Writes a new file of this device's for `doc`: beside its place first, flushed,
    /// then renamed in, so no other device ever sees it half written.
    pub fn write(&self, doc: &str, kind: Kind, seq: u64, bytes: &[u8]) -> Result<Found> {
        if !is_name(doc) {
            return Err(Error::invalid("document", format!("\"{doc}\" is not a document name.")));
        }
        let dir = self.devices.join(&self.me).join(doc);
        fs::create_dir_all(&dir)?;
        let hash = hash_of(bytes);
        let name = format!("{}-{seq:010}-{hash}{EXTENSION}", kind.prefix());
        let path = dir.join(&name);
        write_whole(&path, bytes)?;
        Ok(Found { device: self.me.clone(), doc: doc.to_owned(), kind, seq, hash, path, size: bytes.len() as u64 })
    }

    /// Says who this device is and when it last wrote, for the others' Settings.
    pub fn announce(&self, name: &str, wrote_at: i64) -> Result<()> {
        let card = DeviceSeen { id: self.me.clone(), name: name.to_owned(), wrote_at };
        let json = serde_json::to_vec_pretty(&card).map_err(|e| Error::Damaged(e.to_string()))?;
        write_whole(&self.devices.join(&self.me).join(CARD), &json)
    }

    /// Every device's files as they stand, and what was passed over.
    pub fn scan(&self) -> Result<Scan> {
        let mut scan = Scan::default();
        for device in sorted_entries(&self.devices)? {
            let Some(id) = device.file_name().and_then(|n| n.to_str()).filter(|n| is_name(n)).map(str::to_owned) else { continue };
            if !device.is_dir() {
                continue;
            }
            match fs::read(device.join(CARD)).map(|b| serde_json::from_slice::<DeviceSeen>(&b)) {
                Ok(Ok(card)) if card.id == id => scan.devices.push(card),
                Ok(_) => scan.skipped.push(Skipped {
                    path: device.join(CARD),
                    why: "It is not a device card Rapport wrote.".into(),
                    retry: true,
                }),
                // A device that has written nothing yet, or whose card is still arriving.
                Err(_) => {}
            }
            for doc in sorted_entries(&device)? {
                let Some(doc_name) = doc.file_name().and_then(|n| n.to_str()).filter(|n| is_name(n)).map(str::to_owned) else { continue };
                if !doc.is_dir() {
                    continue;
                }
                for path in sorted_entries(&doc)? {
                    let Some(file) = path.file_name().and_then(|n| n.to_str()) else { continue };
                    match classify(file) {
                        Name::File { kind, seq, hash } => {
                            let size = fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
                            scan.files.push(Found { device: id.clone(), doc: doc_name.clone(), kind, seq, hash, path, size });
                        }
                        Name::Waiting(why) => scan.skipped.push(Skipped { path, why: why.into(), retry: true }),
                        Name::Other => {}
                    }
                }
            }
        }
        scan.files.sort_by(|a, b| (&a.device, &a.doc, a.seq, a.kind, &a.path).cmp(&(&b.device, &b.doc, b.seq, b.kind, &b.path)));
        Ok(scan)
    }

    /// A found file's bytes, only if they are the whole of what its name says.
    pub fn read(&self, found: &Found) -> std::result::Result<Vec<u8>, Skipped> {
        let skipped = |why: String| Skipped { path: found.path.clone(), why, retry: true };
        let bytes = fs::read(&found.path).map_err(|e| skipped(format!("It could not be read ({e}).")))?;
        if hash_of(&bytes) != found.hash {
            return Err(skipped("It is not whole yet (still arriving, cut short or damaged); it is read again later.".into()));
        }
        Ok(bytes)
    }

    /// Removes the hidden half-written files this device left in its own folder when it
    /// was stopped in the middle of a write (`write_whole`'s); they are never read, and
    /// would show on every device as a file still arriving. Only this device writes
    /// there, and not while a round is running, so none of them is being written now.
    pub fn remove_leftovers(&self) -> Result<usize> {
        let mut removed = 0;
        for doc in sorted_entries(&self.devices.join(&self.me))?.iter().filter(|d| d.is_dir()) {
            for path in sorted_entries(doc)? {
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                if name.starts_with('.') && name.ends_with(&format!("{EXTENSION}.partial")) {
                    fs::remove_file(&path)?;
                    removed += 1;
                }
            }
        }
        Ok(removed)
    }

    /// Removes one of this device's own files (its edits folded into a snapshot).
    /// Another device's file is never removed, whatever the caller asks.
    pub fn remove_own(&self, found: &Found) -> Result<()> {
        let own = self.devices.join(&self.me);
        if found.device != self.me || !found.path.starts_with(&own) {
            return Err(Error::invalid("file", format!("{} is another device's file; only its device removes it.", found.path.display())));
        }
        fs::remove_file(&found.path)?;
        Ok(())
    }
}

/// What a file's name says it is.
enum Name {
    File {
        kind: Kind,
        seq: u64,
        hash: String,
    },
    /// Not there yet: a partial download, a sync tool's temporary, an evicted placeholder.
    Waiting(&'static str),
    /// Not Rapport's: left alone.
    Other,
}

/// `upd-<seq>-<hash>` and anything after it up to `.loro`: the sync tools put their
/// conflict marks there (`.sync-conflict-…`, ` (conflicted copy …)`, `-DESKTOP-…`).
fn classify(file: &str) -> Name {
    if file.ends_with(".icloud") {
        return Name::Waiting("It is not downloaded to this machine yet (an iCloud placeholder).");
    }
    if file.starts_with('.') || file.starts_with('~') || file.ends_with(".tmp") || file.ends_with(".partial") || file.ends_with(".part") {
        return Name::Waiting("It is still being written or downloaded.");
    }
    let Some(stem) = file.strip_suffix(EXTENSION) else { return Name::Other };
    let mut fields = stem.splitn(3, '-');
    let kind = match fields.next() {
        Some("upd") => Kind::Update,
        Some("snap") => Kind::Snapshot,
        _ => return Name::Other,
    };
    let Some(seq) = fields.next().and_then(|s| s.parse::<u64>().ok()) else { return Name::Other };
    let Some(hash) =
        fields.next().and_then(|rest| rest.get(..32)).filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()))
    else {
        return Name::Other;
    };
    Name::File { kind, seq, hash: hash.to_owned() }
}

/// The first 128 bits of the content's SHA-256, in lower-case hex.
fn hash_of(bytes: &[u8]) -> String {
    Sha256::digest(bytes)[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// A device id or document name: short, and safe as a file name on every system.
fn is_name(name: &str) -> bool {
    (1..=64).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') && !name.starts_with('-')
}

/// `bytes` at `path`, all or nothing: written to a hidden file beside it, flushed to
/// disk, renamed over it, and the folder flushed so the rename survives a power cut.
fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let aside = dir.join(format!(".{name}.partial"));
    let mut file = fs::File::create(&aside)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    fs::rename(&aside, path)?;
    // Windows cannot open a folder to flush it; there the rename is already durable.
    if let Ok(folder) = fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// A folder's entries in name order; a folder that is not there has none.
fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    Ok(paths)
}
