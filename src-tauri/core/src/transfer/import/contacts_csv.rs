//! The CSV files Rapport imports: LinkedIn's Connections.csv (a "Notes:" preamble, then
//! its header) and Google Contacts' export (both its current and its older header).

use std::collections::HashMap;

use chrono::NaiveDate;

use super::contact::{email, finish, is_private, join_name, occasion, phone, web_handle, FileDates};
use super::{ImportFormat, ParsedFile, Rejection};
use crate::people::person::PersonEdit;
use crate::storage::error::{Error, Result};
use crate::vocab::DateKind;

const LINKEDIN_HEADER: &str = "First Name,Last Name,URL,Email Address,Company,Position,Connected On";

/// How many lines a preamble may take before the header must have come.
const PREAMBLE_LINES: usize = 20;

pub(super) fn parse(text: &str, today: NaiveDate) -> Result<ParsedFile> {
    let (header_line, offset, format) = find_header(text)?;
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(&text.as_bytes()[offset..]);
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| Error::invalid("file", format!("Line {header_line}: {e}")))?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let columns = Columns(header.iter().enumerate().map(|(i, h)| (h.to_lowercase(), i)).collect());
    let mut parsed = ParsedFile { format, contacts: Vec::new(), rejections: Vec::new() };
    let mut record = csv::StringRecord::new();
    // csv counts lines from the header; the preamble comes before it.
    let file_line = |csv_line: u64| header_line - 1 + csv_line as usize;
    loop {
        let line = file_line(reader.position().line());
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Err(e) => {
                parsed.rejections.push(Rejection { line, display_name: String::new(), reason: format!("Not readable as CSV: {e}") });
                continue;
            }
            Ok(true) => {}
        }
        let line = record.position().map_or(line, |p| file_line(p.line()));
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if record.len() != header.len() {
            let hint = if record.len() > header.len() { "a comma outside quotes" } else { "a quote left open, or a short row" };
            let reason = format!("This row has {} of the header's {} fields: {hint}?", record.len(), header.len());
            parsed.rejections.push(Rejection { line, display_name: String::new(), reason });
            continue;
        }
        let row = Row { columns: &columns, record: &record };
        let contact = match format {
            ImportFormat::Linkedin => linkedin(line, &row),
            _ => google(line, &row, &header, today),
        };
        match contact {
            Ok(contact) => parsed.contacts.push(contact),
            Err(rejection) => parsed.rejections.push(rejection),
        }
    }
    Ok(parsed)
}

/// The header's line number, its byte offset and the format it names.
fn find_header(text: &str) -> Result<(usize, usize, ImportFormat)> {
    let mut offset = 0;
    for (i, raw) in text.split_inclusive('\n').take(PREAMBLE_LINES).enumerate() {
        let line = raw.trim_start_matches('\u{feff}').trim().to_lowercase();
        let has = |name: &str| line.split(',').any(|h| h.trim_matches('"').trim() == name);
        let format = if has("first name") && has("last name") && has("connected on") {
            Some(ImportFormat::Linkedin)
        } else if (has("given name") && has("family name")) || (has("first name") && has("e-mail 1 - value")) {
            Some(ImportFormat::GoogleContacts)
        } else {
            None
        };
        if let Some(format) = format {
            return Ok((i + 1, offset + (raw.len() - raw.trim_start_matches('\u{feff}').len()), format));
        }
        offset += raw.len();
    }
    let first: String = text.lines().next().unwrap_or_default().trim_start_matches('\u{feff}').chars().take(80).collect();
    Err(Error::invalid(
        "file",
        format!(
            "This is not a file Rapport can import. Line 1 reads \"{first}\". Rapport reads vCard files (.vcf), \
             LinkedIn's Connections.csv (header: {LINKEDIN_HEADER}) and Google Contacts CSV exports."
        ),
    ))
}

struct Columns(HashMap<String, usize>);

struct Row<'a> {
    columns: &'a Columns,
    record: &'a csv::StringRecord,
}

impl Row<'_> {
    /// The first of these columns the file has, trimmed; empty when none.
    fn get(&self, names: &[&str]) -> &str {
        names.iter().find_map(|n| self.columns.0.get(&n.to_lowercase())).and_then(|&i| self.record.get(i)).map_or("", str::trim)
    }
}

fn linkedin(line: usize, row: &Row<'_>) -> Result<super::Contact, Rejection> {
    let mut edit = PersonEdit {
        display_name: join_name(&[row.get(&["First Name"]), row.get(&["Last Name"])]),
        company: row.get(&["Company"]).to_owned(),
        title: row.get(&["Position"]).to_owned(),
        ..PersonEdit::default()
    };
    edit.handles.extend(web_handle(row.get(&["URL", "Profile URL"]), "LinkedIn"));
    edit.handles.extend(email(row.get(&["Email Address"]), true));
    let date = row.get(&["Connected On"]);
    let connected_on = if date.is_empty() {
        None
    } else {
        let day = ["%d %b %Y", "%d %B %Y", "%Y-%m-%d", "%d-%b-%y"].iter().find_map(|f| NaiveDate::parse_from_str(date, f).ok());
        match day {
            Some(day) => Some(day),
            None => {
                return Err(Rejection {
                    line,
                    display_name: edit.display_name,
                    reason: format!("\"Connected On\" is \"{date}\", not a date like 15 Mar 2024."),
                })
            }
        }
    };
    finish(line, edit, Some(connected_on), Vec::new())
}

fn google(line: usize, row: &Row<'_>, header: &[String], today: NaiveDate) -> Result<super::Contact, Rejection> {
    let mut name = row.get(&["Name"]).to_owned();
    if name.is_empty() {
        name = join_name(&[
            row.get(&["Name Prefix"]),
            row.get(&["First Name", "Given Name"]),
            row.get(&["Middle Name", "Additional Name"]),
            row.get(&["Last Name", "Family Name"]),
            row.get(&["Name Suffix"]),
        ]);
    }
    if name.is_empty() {
        name = row.get(&["Nickname", "File As"]).to_owned();
    }
    let mut dates = FileDates::default();
    dates.add(DateKind::Birthday, "", row.get(&["Birthday"]), false, today);
    let mut edit = PersonEdit {
        display_name: name,
        company: row.get(&["Organization Name", "Organization 1 - Name"]).to_owned(),
        title: row.get(&["Organization Title", "Organization 1 - Title"]).to_owned(),
        ..PersonEdit::default()
    };
    // Numbered columns: "E-mail 1 - Value" with its "E-mail 1 - Label" (or "- Type");
    // "Event 1 - Value" is a date, its label what it marks ("Anniversary", "Other", the
    // user's own).
    for (i, column) in header.iter().enumerate() {
        let Some(kind) = column.strip_suffix(" - Value") else { continue };
        let label_of = |what: &str| row.get(&[&format!("{kind} - {what}")]).to_owned();
        let label = format!("{} {}", label_of("Label"), label_of("Type"));
        for value in row.record.get(i).unwrap_or_default().split(":::").map(str::trim).filter(|v| !v.is_empty()) {
            if kind.starts_with("Event") {
                let label = [label_of("Label"), label_of("Type")].into_iter().find(|l| !l.is_empty()).unwrap_or_default();
                dates.add(DateKind::Other, &occasion(&label), value, false, today);
                continue;
            }
            let handle = if kind.starts_with("E-mail") {
                email(value, !is_private(&label))
            } else if kind.starts_with("Phone") {
                phone(value, !is_private(&label))
            } else if kind.starts_with("Website") {
                web_handle(value, &label)
            } else {
                None
            };
            edit.handles.extend(handle);
        }
    }
    // Google's groups: "* myContacts ::: Clients"; its own start with "* ".
    edit.tags = row
        .get(&["Labels", "Group Membership"])
        .split(":::")
        .map(str::trim)
        .filter_map(|g| match g.strip_prefix("* ") {
            Some("starred") => Some("Starred"),
            Some(_) => None,
            None => Some(g),
        })
        .filter(|g| !g.is_empty())
        .map(str::to_owned)
        .collect();
    let notes = [row.get(&["Notes"]).to_owned()].into_iter().chain(dates.notes);
    edit.notes = notes.filter(|n| !n.is_empty()).collect::<Vec<_>>().join("\n");
    finish(line, edit, None, dates.dates)
}
