//! The open diary, shared by every command.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use rapport_core::{Diary, Error, DIARY_FILE_NAME};

/// The folder beside the diary that holds its backups.
pub const BACKUPS_DIR: &str = "backups";

/// The diary file and whether it opened. If it did not (damaged, too new), the app
/// still starts so the window can say why; every command then returns that reason.
pub struct DiaryState {
    path: PathBuf,
    diary: Result<Mutex<Diary>, Error>,
}

impl DiaryState {
    /// Opens (or creates) the diary in `dir`, creating the directory owner-only.
    pub fn open(dir: &Path) -> DiaryState {
        let path = dir.join(DIARY_FILE_NAME);
        let diary = create_private_dir(dir)
            .and_then(|()| create_private_dir(&dir.join(BACKUPS_DIR)))
            .map_err(Error::from)
            .and_then(|()| Diary::open(&path));
        DiaryState { path, diary: diary.map(Mutex::new) }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where copies of the diary are kept, beside it.
    pub fn backups_dir(&self) -> PathBuf {
        self.path.with_file_name(BACKUPS_DIR)
    }

    /// The open diary, or why it is not open.
    pub fn diary(&self) -> Result<MutexGuard<'_, Diary>, Error> {
        match &self.diary {
            // A panic while holding the lock left no transaction open: rusqlite rolls back
            // on drop, so the connection is still good to use.
            Ok(diary) => Ok(diary.lock().unwrap_or_else(PoisonError::into_inner)),
            Err(cause) => Err(Error::not_open(cause, &self.path)),
        }
    }
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}
