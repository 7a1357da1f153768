//! The open diary, shared by every command.

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use chrono::Utc;
use rapport_core::storage::layout;
use rapport_core::transfer::backups;
use rapport_core::{Diary, Error};

/// The diary file and whether it opened. If it did not (damaged, too new), the app
/// still starts so the window can say why; every command then returns that reason.
pub struct DiaryState {
    path: PathBuf,
    diary: Mutex<Result<Diary, Error>>,
}

/// The open diary, held for as long as this lives.
pub struct DiaryGuard<'a>(MutexGuard<'a, Result<Diary, Error>>);

impl Deref for DiaryGuard<'_> {
    type Target = Diary;
    fn deref(&self) -> &Diary {
        self.0.as_ref().expect("a guard is only made for an open diary")
    }
}

impl DerefMut for DiaryGuard<'_> {
    fn deref_mut(&mut self) -> &mut Diary {
        self.0.as_mut().expect("a guard is only made for an open diary")
    }
}

impl DiaryState {
    /// Opens (or creates) the diary in `dir`, creating the directory owner-only.
    pub fn open(dir: &Path) -> DiaryState {
        let path = layout::diary_path(dir);
        let diary = layout::prepare(dir).and_then(|()| Diary::open(&path));
        DiaryState { path, diary: Mutex::new(diary) }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where copies of the diary are kept, beside it.
    pub fn backups_dir(&self) -> PathBuf {
        layout::backups_dir(&self.path)
    }

    /// The open diary, or why it is not open.
    pub fn diary(&self) -> Result<DiaryGuard<'_>, Error> {
        // A panic while holding the lock left no transaction open: rusqlite rolls back
        // on drop, so the connection is still good to use.
        let guard = self.diary.lock().unwrap_or_else(PoisonError::into_inner);
        match &*guard {
            Ok(_) => Ok(DiaryGuard(guard)),
            Err(cause) => Err(Error::not_open(cause, &self.path)),
        }
    }

    /// Puts the backup `file_name` from the backups folder in place of the diary, open
    /// or not (a damaged diary is the usual reason), and opens it. What was there is
    /// kept aside; its path is returned.
    pub fn restore(&self, file_name: &str) -> Result<Option<PathBuf>, Error> {
        let backup = backups::backups(&self.backups_dir())?
            .into_iter()
            .find(|b| b.file_name == file_name)
            .ok_or_else(|| Error::NotFound { what: format!("The backup {file_name:?}") })?;
        self.replace(|diary| backups::restore(diary, &backup.path, Utc::now()))
    }

    /// Makes another diary file (one the user chose) the diary, as `restore` does.
    pub fn adopt(&self, other: &Path) -> Result<Option<PathBuf>, Error> {
        self.replace(|diary| backups::adopt(diary, other, Utc::now()))
    }

    /// Closes the diary, lets `put` put another file in its place, and opens what is
    /// there then: the new file, or the old one if `put` refused.
    fn replace(&self, put: impl FnOnce(&Path) -> Result<Option<PathBuf>, Error>) -> Result<Option<PathBuf>, Error> {
        let mut guard = self.diary.lock().unwrap_or_else(PoisonError::into_inner);
        // Close the diary first, so its last writes are in the file that is kept aside.
        drop(std::mem::replace(&mut *guard, Err(Error::Damaged("it is being replaced".into()))));
        let aside = put(&self.path);
        *guard = Diary::open(&self.path);
        let aside = aside?;
        guard.as_ref().map_err(|e| Error::not_open(e, &self.path))?;
        Ok(aside)
    }
}
