//! `content/you-said-we-did/`: "you said, we did" entries, in any mix of TOML files (one entry
//! each), CSV files and `.xlsx` or `.ods` workbooks (one entry per row).

pub mod entry;
pub mod hidden;
pub mod merged;
pub mod record;
pub mod sheet;

use super::cache::{self, Cache};
use super::fields::At;
use super::{data_folder_names, read_source, read_toml_file};
use crate::diagnostics::Diagnostic;
use crate::report_files::ReportFiles;
use crate::rules;
use entry::{Entry, FIELDS};
use jiff::civil::Date;
use record::TomlRecord;
use std::sync::Arc;

pub const FOLDER: &str = "you-said-we-did";

/// Reads every entry of the folder, in file name order, and within a spreadsheet in row order.
/// `sheets` names the sheet to read for a workbook, by its path from `content/`. A file whose
/// bytes `cache` holds is not parsed again.
pub fn load(
    files: &ReportFiles,
    sheets: &[(String, At<String>)],
    today: Date,
    cache: &mut Cache,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Entry> {
    let Some(names) = data_folder_names(files, FOLDER, problems) else {
        return Vec::new();
    };
    let results = cache::parse_files(files, &names, &mut cache.entries, cache.keeps, |name| {
        read_file(files, name, sheets, today)
    });
    let mut entries = Vec::new();
    for (read, found) in results {
        entries.extend(read);
        problems.extend(found);
    }
    for (path, sheet) in sheets {
        if !names.contains(path) {
            problems.push(
                Diagnostic::error(rules::WORKBOOK_MISSING, "content/site.toml", format!("There is no workbook content/{path} to read the sheet \"{}\" from.", sheet.value))
                    .at(sheet.location())
                    .help("Write the workbook's path from the content folder, such as \"you-said-we-did/tracker.xlsx\", and check the spelling."),
            );
        }
    }
    entries
}

fn read_file(
    files: &ReportFiles,
    name: &str,
    sheets: &[(String, At<String>)],
    today: Date,
) -> (Vec<Entry>, Vec<Diagnostic>) {
    let extension = name.rsplit_once('.').map_or("", |(_, e)| e);
    match extension.to_lowercase().as_str() {
        "toml" => read_toml(files, name, today),
        "csv" | "xlsx" | "ods" => match sheet::read(files, name, sheets, FIELDS) {
            Ok(sheet) => from_sheet(sheet, today),
            Err(problem) => (Vec::new(), vec![problem]),
        },
        _ => (
            Vec::new(),
            vec![
                Diagnostic::warning(rules::UNREAD_FILE_TYPE, format!("content/{name}"), "Chorus does not read this kind of file, so no entry in it is published.")
                    .help("Entries are read from .toml files (one entry each), and from .csv, .xlsx and .ods spreadsheets (one entry per row). Save it as one of those, or move it out of content/you-said-we-did/."),
            ],
        ),
    }
}

fn read_toml(files: &ReportFiles, name: &str, today: Date) -> (Vec<Entry>, Vec<Diagnostic>) {
    let source = match read_source(files, name) {
        Ok(source) => source,
        Err(problem) => return (Vec::new(), vec![problem]),
    };
    let mut problems = Vec::new();
    let (entry, found) = read_toml_file(
        &Arc::new(source),
        today,
        "This entry",
        &mut problems,
        |fields| entry::read(TomlRecord::new(fields, "entry"), today),
    );
    problems.extend(found);
    (entry.into_iter().collect(), problems)
}
fn from_sheet(sheet: sheet::Sheet, today: Date) -> (Vec<Entry>, Vec<Diagnostic>) {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for row in sheet.records(&entry::ROWS) {
        let (entry, found) = entry::read(row, today);
        entries.extend(entry);
        problems.extend(found);
    }
    problems.extend(sheet.finish());
    (entries, problems)
}
