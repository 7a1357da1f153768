//! The data folder's layout, decided once: the diary file, and its backups folder beside
//! it, each readable by the user alone.

use std::fs;
use std::path::{Path, PathBuf};

use crate::storage::diary::DIARY_FILE_NAME;
use crate::storage::error::Result;

/// The folder beside the diary that holds its backups.
pub const BACKUPS_DIR: &str = "backups";

/// Where the diary file is in the data folder `dir`.
pub fn diary_path(dir: &Path) -> PathBuf {
    dir.join(DIARY_FILE_NAME)
}

/// Makes `dir` and its backups folder where missing, owner-only.
pub fn prepare(dir: &Path) -> Result<()> {
    create_private_dir(dir)?;
    create_private_dir(&dir.join(BACKUPS_DIR))?;
    Ok(())
}

/// Where the backups of the diary file `diary` are kept.
pub fn backups_dir(diary: &Path) -> PathBuf {
    diary.with_file_name(BACKUPS_DIR)
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}
