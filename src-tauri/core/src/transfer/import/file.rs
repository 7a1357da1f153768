//! Reading an import file as text: size limit, byte-order marks, UTF-16, and a clear
//! refusal of anything that is not text.

use std::hash::Hasher;
use std::path::Path;

use crate::storage::error::{Error, Result};

/// The largest file imported: 20 MB holds 100,000 LinkedIn rows, or an address book
/// with small photos.
pub const MAX_IMPORT_BYTES: u64 = 20 * 1024 * 1024;

pub(super) struct ImportFile {
    pub name: String,
    pub text: String,
    pub fingerprint: String,
}

pub(super) fn read(path: &Path) -> Result<ImportFile> {
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let size = std::fs::metadata(path).map_err(|e| Error::invalid("file", format!("{name} could not be read: {e}.")))?.len();
    if size > MAX_IMPORT_BYTES {
        return Err(Error::invalid(
            "file",
            format!(
                "{name} is {:.1} MB; Rapport imports files up to {} MB. Export without photos, or split the file.",
                size as f64 / 1_048_576.0,
                MAX_IMPORT_BYTES / 1_048_576
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::invalid("file", format!("{name} could not be read: {e}.")))?;
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write(&bytes);
    let fingerprint = format!("{}-{:016x}", bytes.len(), hasher.finish());
    let text = text_of(&name, &bytes)?;
    Ok(ImportFile { name, text, fingerprint })
}

/// The file's text, with one kind of line end (so notes read the same whichever system
/// wrote the file); an error when it is empty or not text.
pub(crate) fn text_of(name: &str, bytes: &[u8]) -> Result<String> {
    let text = decode(name, bytes)?.replace("\r\n", "\n");
    if text.trim().is_empty() {
        return Err(Error::invalid("file", format!("{name} is empty.")));
    }
    Ok(text)
}

/// UTF-8 (with or without a byte-order mark), or UTF-16 with one (as Windows tools write).
fn decode(name: &str, bytes: &[u8]) -> Result<String> {
    let utf16 = |units: Vec<u16>| {
        String::from_utf16(&units).map_err(|_| Error::invalid("file", format!("{name} says it is UTF-16 text but is not.")))
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest.chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]])).collect());
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest.chunks_exact(2).map(|p| u16::from_be_bytes([p[0], p[1]])).collect());
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(Error::invalid(
            "file",
            format!("{name} is not a text file. Choose a .vcf or .csv export (UTF-16 text needs its byte-order mark)."),
        ));
    }
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        let line = 1 + bytes[..e.utf8_error().valid_up_to()].iter().filter(|&&b| b == b'\n').count();
        Error::invalid("file", format!("{name} is not UTF-8 text (line {line}). Save it as UTF-8 and import it again."))
    })
}
