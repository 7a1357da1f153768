//! An archive as the platform gives it: a zip, an unpacked folder, or one of its files
//! on its own. Every part is named by its path inside the archive with `/` between
//! folders, so sources find their files by name wherever the user unpacked them.

use std::cell::RefCell;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use crate::storage::error::{Error, Result};

/// The largest single part read whole into memory (a CSV, a JSON part, a chat). Larger
/// parts (an mbox) are streamed through `with_reader`.
pub const MAX_PART_BYTES: u64 = 512 * 1024 * 1024;

/// One file inside an archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Its path inside the archive, `/`-separated, without a leading `/`.
    pub path: String,
    pub size: u64,
    /// Its entry in a zip, which is found by index: the zip's own name for it may use `\`.
    entry: usize,
}

impl Part {
    /// The file's own name: "messages.csv" of "Basic_…/messages.csv".
    pub fn name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }
}

enum Root {
    Zip(RefCell<zip::ZipArchive<BufReader<File>>>, PathBuf),
    Folder(PathBuf),
    File(PathBuf),
    Memory(Vec<(String, Vec<u8>)>),
}

/// What is told of each part as it starts to be read.
type Progress = Box<dyn FnMut(&Part)>;

pub struct Archive {
    /// The name the user knows it by: the zip's or folder's file name.
    pub name: String,
    root: Root,
    parts: Vec<Part>,
    /// Told of every part as it is read: the window's progress line.
    on_read: RefCell<Option<Progress>>,
    /// Whether the words of messages are wanted; readers of large exports leave them
    /// out otherwise, so memory holds only who, when and how many.
    words: std::cell::Cell<bool>,
}

/// How deep an unpacked folder is searched; exports nest three or four levels.
const MAX_DEPTH: usize = 8;

impl Archive {
    /// Opens a zip, a folder, or a single file (anything that is not a zip).
    pub fn open(path: &Path) -> Result<Archive> {
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        let unreadable = |e: std::io::Error| Error::invalid("file", format!("{name} could not be read: {e}."));
        let meta = std::fs::metadata(path).map_err(unreadable)?;
        if meta.is_dir() {
            let mut parts = Vec::new();
            walk(path, "", 0, &mut parts).map_err(unreadable)?;
            parts.sort_by(|a, b| a.path.cmp(&b.path));
            return Ok(Archive::with(name, Root::Folder(path.to_owned()), parts));
        }
        let mut file = File::open(path).map_err(unreadable)?;
        let mut magic = [0u8; 4];
        let is_zip = file.read(&mut magic).map_err(unreadable)? == 4 && magic == *b"PK\x03\x04";
        if !is_zip {
            let parts = vec![Part { path: name.clone(), size: meta.len(), entry: 0 }];
            return Ok(Archive::with(name, Root::File(path.to_owned()), parts));
        }
        let file = File::open(path).map_err(unreadable)?;
        let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| {
            Error::invalid("file", format!("{name} is not a whole zip file ({e}). Download the archive again and import the new copy."))
        })?;
        let mut parts = Vec::new();
        for i in 0..zip.len() {
            let Ok(file) = zip.by_index_raw(i) else { continue };
            if !file.is_dir() {
                parts.push(Part { path: file.name().replace('\\', "/").trim_start_matches('/').to_owned(), size: file.size(), entry: i });
            }
        }
        parts.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(Archive::with(name, Root::Zip(RefCell::new(zip), path.to_owned()), parts))
    }

    /// An archive held in memory: what the fuzzers and tests read.
    pub fn from_parts(name: &str, files: Vec<(String, Vec<u8>)>) -> Archive {
        let parts = files.iter().map(|(p, b)| Part { path: p.clone(), size: b.len() as u64, entry: 0 }).collect();
        Archive::with(name.to_owned(), Root::Memory(files), parts)
    }

    fn with(name: String, root: Root, parts: Vec<Part>) -> Archive {
        Archive { name, root, parts, on_read: RefCell::new(None), words: std::cell::Cell::new(true) }
    }

    /// Whether readers keep the words of the messages (yes unless told otherwise).
    pub fn keeps_words(&self) -> bool {
        self.words.get()
    }

    pub fn keep_words(&self, keep: bool) {
        self.words.set(keep);
    }

    /// Calls `progress` with every part as it starts to be read.
    pub fn on_read(&self, progress: impl FnMut(&Part) + 'static) {
        *self.on_read.borrow_mut() = Some(Box::new(progress));
    }

    /// What the archive is, without its contents: size and modification time (of the
    /// zip or file, or of every part of a folder). Applying checks it is unchanged.
    pub fn fingerprint(&self) -> String {
        let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
        let secs =
            |t: Option<std::time::SystemTime>| t.and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
        let size: u64 = self.parts.iter().map(|p| p.size).sum();
        let stamp = match &self.root {
            Root::Memory(_) => 0,
            Root::File(path) | Root::Zip(_, path) => secs(modified(path)),
            Root::Folder(dir) => self.parts.iter().map(|p| secs(modified(&dir.join(&p.path)))).max().unwrap_or(0),
        };
        format!("{}-{size}-{stamp}", self.parts.len())
    }

    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    /// The parts whose file name is `name`, ignoring case.
    pub fn named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Part> + 'a {
        self.parts.iter().filter(move |p| p.name().eq_ignore_ascii_case(name))
    }

    /// Streams one part.
    pub fn with_reader<T>(&self, part: &Part, read: impl FnOnce(&mut dyn Read) -> Result<T>) -> Result<T> {
        let broken = |e: &dyn std::fmt::Display| {
            Error::invalid(
                "file",
                format!("{} in {} could not be read ({e}). The archive may be cut short: download it again.", part.path, self.name),
            )
        };
        if let Some(progress) = self.on_read.borrow_mut().as_mut() {
            progress(part);
        }
        match &self.root {
            Root::Zip(zip, _) => {
                let mut zip = zip.borrow_mut();
                let mut file = zip.by_index(part.entry).map_err(|e| broken(&e))?;
                read(&mut file)
            }
            Root::Folder(dir) => {
                let mut file = BufReader::new(File::open(dir.join(&part.path)).map_err(|e| broken(&e))?);
                read(&mut file)
            }
            Root::File(path) => {
                let mut file = BufReader::new(File::open(path).map_err(|e| broken(&e))?);
                read(&mut file)
            }
            Root::Memory(files) => {
                let bytes = files.iter().find(|(p, _)| *p == part.path).map(|(_, b)| b.as_slice()).unwrap_or_default();
                read(&mut &*bytes)
            }
        }
    }

    /// One part's bytes, whole. A zip's part cut short is an error naming the part.
    pub fn bytes(&self, part: &Part) -> Result<Vec<u8>> {
        if part.size > MAX_PART_BYTES {
            return Err(Error::invalid(
                "file",
                format!("{} in {} is {} MB; parts of up to {} MB are read.", part.path, self.name, part.size >> 20, MAX_PART_BYTES >> 20),
            ));
        }
        self.with_reader(part, |r| {
            let mut bytes = Vec::with_capacity(part.size as usize);
            r.read_to_end(&mut bytes).map_err(|e| {
                Error::invalid(
                    "file",
                    format!("{} in {} could not be read ({e}). The archive may be cut short: download it again.", part.path, self.name),
                )
            })?;
            Ok(bytes)
        })
    }

    /// One part as text: UTF-8 with or without a byte-order mark, or UTF-16 with one;
    /// line ends made `\n`.
    pub fn text(&self, part: &Part) -> Result<String> {
        let bytes = self.bytes(part)?;
        crate::transfer::import::file::text_of(&part.path, &bytes)
    }
}

fn walk(dir: &Path, prefix: &str, depth: usize, parts: &mut Vec<Part>) -> std::io::Result<()> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = if prefix.is_empty() { name.clone() } else { format!("{prefix}/{name}") };
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&entry.path(), &path, depth + 1, parts)?;
        } else if kind.is_file() {
            parts.push(Part { path, size: entry.metadata()?.len(), entry: 0 });
        }
    }
    Ok(())
}
