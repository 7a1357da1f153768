//! LinkedIn's CSV files: a header found in the first lines (Connections.csv has a
//! "Notes:" preamble), columns looked up by name (they change between generations),
//! and each row with its line in the file.

use chrono::{NaiveDate, NaiveDateTime};

use crate::transfer::archive::model::SourceRead;

/// How many lines a preamble may take before the header must have come.
const PREAMBLE_LINES: usize = 20;

pub(super) struct Rows {
    columns: Vec<String>,
    pub rows: Vec<(usize, csv::StringRecord)>,
}

impl Rows {
    /// The rows under the first line that has every column of `wanted`; `None` when no
    /// line in the first few does (another file of the same name). Rows that are not
    /// CSV, or have too few fields, are problems of `part`.
    pub fn read(read: &mut SourceRead, part: &str, text: &str, wanted: &[&str]) -> Option<Rows> {
        let (header_line, offset) = find_header(text, wanted)?;
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(&text.as_bytes()[offset..]);
        let columns: Vec<String> = reader.headers().ok()?.iter().map(|h| h.trim().to_uppercase()).collect();
        let mut rows = Vec::new();
        let mut record = csv::StringRecord::new();
        let file_line = |csv_line: u64| header_line - 1 + csv_line as usize;
        loop {
            let line = file_line(reader.position().line());
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    read.problem(part, Some(line), format!("Not readable as CSV: {e}"));
                    continue;
                }
            }
            let line = record.position().map_or(line, |p| file_line(p.line()));
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            if record.len() < columns.len() {
                let reason =
                    format!("This row has {} of the header's {} fields: a quote left open, or a short row?", record.len(), columns.len());
                read.problem(part, Some(line), reason);
                continue;
            }
            rows.push((line, record.clone()));
        }
        Some(Rows { columns, rows })
    }

    /// The column named `name` (any case), if the file has it.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.eq_ignore_ascii_case(name))
    }
}

/// A field of a row by column, trimmed; empty when the column is missing.
pub(super) fn field(row: &csv::StringRecord, column: Option<usize>) -> &str {
    column.and_then(|c| row.get(c)).map_or("", str::trim)
}

fn find_header(text: &str, wanted: &[&str]) -> Option<(usize, usize)> {
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').take(PREAMBLE_LINES).enumerate() {
        let cells: Vec<String> = line.trim().split(',').map(|c| c.trim().trim_matches('"').to_uppercase()).collect();
        if wanted.iter().all(|w| cells.iter().any(|c| c == w)) {
            return Some((i + 1, offset));
        }
        offset += line.len();
    }
    None
}

/// The instant LinkedIn wrote, in any of the forms its files use, as Unix seconds (UTC):
/// "2024-10-26 11:43:11 UTC", "2019-11-06T02:08:20", "2025/06/10 23:13:46 UTC",
/// "9/25/26, 8:52 AM", "15 Mar 2024".
pub(super) fn instant(text: &str) -> Option<i64> {
    let text = text.trim().trim_end_matches(" UTC").trim();
    const FORMATS: &[&str] = &[
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y/%m/%d %H:%M:%S",
        "%m/%d/%y, %I:%M %p",
        "%m/%d/%Y, %I:%M %p",
        "%Y-%m-%d %H:%M",
    ];
    for format in FORMATS {
        if let Ok(at) = NaiveDateTime::parse_from_str(text, format) {
            return Some(at.and_utc().timestamp());
        }
    }
    for format in ["%d %b %Y", "%Y-%m-%d", "%m/%d/%y", "%m/%d/%Y"] {
        if let Ok(day) = NaiveDate::parse_from_str(text, format) {
            return day.and_hms_opt(12, 0, 0).map(|at| at.and_utc().timestamp());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::instant;

    #[test]
    fn every_date_form_linkedin_writes() {
        assert_eq!(instant("2024-10-26 11:43:11 UTC"), Some(1_729_942_991));
        assert_eq!(instant("2019-11-06T02:08:20"), Some(1_573_006_100));
        assert_eq!(instant("2025/06/10 23:13:46 UTC"), Some(1_749_597_226));
        assert_eq!(instant("9/25/26, 8:52 AM"), Some(1_790_326_320));
        assert_eq!(instant("15 Mar 2024"), Some(1_710_504_000));
        assert_eq!(instant("2023-02-30 10:00:00 UTC"), None);
        assert_eq!(instant(""), None);
    }
}
