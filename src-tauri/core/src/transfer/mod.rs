//! Moving the diary in and out: imports, exports, and backups.

pub mod archive;
pub mod backups;
pub(crate) mod export;
pub(crate) mod import;

pub use export::json::TABLES as EXPORTED_TABLES;
pub use import::{
    parse_bytes as parse_import_bytes, Contact, ImportAction, ImportCounts, ImportFormat, ImportPreview, ImportRow, ParsedFile, Rejection,
    MAX_IMPORT_BYTES, PREVIEW_ROWS,
};
