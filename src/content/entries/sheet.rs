//! Spreadsheets: a CSV file, or the first sheet (or a named one) of an `.xlsx` or `.ods`
//! workbook, as rows of cells under a header row of column names.
//!
//! Reading the formats is left to the csv crate and calamine. What is ours is what a person
//! needs told: rows numbered as their spreadsheet numbers them, columns named and lettered,
//! blank rows and columns ignored, and each cell read as the type the spreadsheet stored.

use super::record::{EvidenceRead, Need, Record, UpdateRead, UpdatesRead, cell_date};
use crate::content::dates;
use crate::content::fields::{At, nearest};
use crate::diagnostics::{Diagnostic, Location, column_letter};
use crate::rules::{self, Rule};
use jiff::civil::Date;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::Cursor;
use std::ops::Range;

/// A cell as the spreadsheet stored it. Empty cells are `None` in a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Date(Date),
}

impl Cell {
    /// The cell as words: a date as year-month-day, a whole number without decimals.
    pub fn text(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Date(date) => date.to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
        }
    }
}

/// What a sheet's rows are: entries, or ratings.
#[derive(Debug)]
pub struct RowsOf {
    /// What a row is, in messages: `entry`, `rating`.
    pub noun: &'static str,
    /// The column that names a row: `id`, `statement`.
    pub name: &'static str,
    /// The columns of words (`you_said`, `we_did`), which a row with nothing else and no name
    /// seems to carry on from the row above, as a long text typed on two rows does.
    pub words: &'static [&'static str],
}

/// One row under the header: its number as the spreadsheet shows it, and its cells.
#[derive(Debug)]
pub struct SheetRow {
    pub number: usize,
    cells: Vec<Option<Cell>>,
}

/// A spreadsheet's rows, with its columns matched to the names Chorus knows.
#[derive(Debug)]
pub struct Sheet {
    pub file: String,
    header_row: usize,
    /// For each column, the known name it was matched to.
    columns: Vec<Option<&'static str>>,
    /// Each column's name as the spreadsheet writes it (`Said date`), for messages.
    headers: Vec<String>,
    /// Known names whose column is there but misspelt: already reported, so a row is not
    /// told that it lacks them as well.
    misspelt: Vec<&'static str>,
    /// The cells (row, column) that hold a formula saved without its result: already
    /// reported, so a row is not told that it lacks them as well.
    unsaved_formulas: Vec<CellAt>,
    /// The columns of a workbook's sheet that are hidden and hold something: never read.
    hidden_columns: HiddenColumns,
    /// The merged regions of a workbook's sheet: a merged cell's value is in its first row.
    merged: Vec<super::merged::Merged>,
    /// The columns the sheet lacks that rows need for their status, in the order the rows
    /// told of them: each one message, once every row is read.
    needed_for_status: RefCell<Vec<(&'static str, NeededForStatus)>>,
    pub rows: Vec<SheetRow>,
    /// What is wrong with the sheet as a whole; `finish` adds what its rows told it.
    problems: Vec<Diagnostic>,
}

/// The hidden columns of a workbook's sheet that hold something, which Chorus does not read.
/// Each is told of once, in `Sheet::finish`, once every row is read: in one warning with the
/// others, or, when it is a column a row needs, in an error of its own that says it is hidden
/// (and not also that it is missing).
#[derive(Debug, Default)]
struct HiddenColumns {
    /// The sheet's name in its workbook.
    sheet: String,
    columns: Vec<HiddenColumn>,
    /// The known names of hidden columns that rows need, each with who needs it (`which every
    /// entry needs`), from the first row that did. Rows are read through `&Sheet`, and this is
    /// all they tell it.
    needed: RefCell<BTreeMap<&'static str, String>>,
}

#[derive(Debug)]
struct HiddenColumn {
    /// Its number (column A is 1).
    number: usize,
    /// The first words in it: its name, mostly.
    words: String,
    /// Its name as the header row writes it, and the known name that is, if it is one.
    name: Option<(String, &'static str)>,
}

impl HiddenColumns {
    /// From the hidden `columns` of the sheet called `sheet`, by number, each with its cells
    /// (row, words); the column names are in row `header_row`.
    fn new(
        sheet: &str,
        columns: BTreeMap<usize, Vec<(usize, String)>>,
        header_row: usize,
        known: &[&'static str],
    ) -> HiddenColumns {
        let columns = columns
            .into_iter()
            .map(|(number, cells)| {
                let name =
                    cells
                        .iter()
                        .find(|(row, _)| *row == header_row)
                        .and_then(|(_, words)| {
                            let key = column_key(words);
                            let known = known.iter().find(|k| **k == key)?;
                            Some((words.trim().to_owned(), *known))
                        });
                HiddenColumn {
                    number,
                    words: cells.into_iter().next().map(|(_, w)| w).unwrap_or_default(),
                    name,
                }
            })
            .collect();
        HiddenColumns {
            sheet: sheet.to_owned(),
            columns,
            needed: RefCell::default(),
        }
    }

    /// The hidden column of this known name.
    fn named(&self, key: &str) -> Option<&HiddenColumn> {
        self.columns
            .iter()
            .find(|c| c.name.as_ref().is_some_and(|(_, k)| *k == key))
    }

    /// An error for each hidden column a row needs, at its name; one warning for the others.
    fn problems(self, file: &str, header_row: usize) -> Vec<Diagnostic> {
        let needed = self.needed.into_inner();
        let mut problems = Vec::new();
        let mut others = Vec::new();
        for column in &self.columns {
            match &column.name {
                Some((name, key)) if let Some(who) = needed.get(key) => problems.push(
                    Diagnostic::error(rules::HIDDEN_COLUMN_NEEDED, file, format!("The column \"{name}\" is hidden, and Chorus never reads a hidden column, so it did not read \"{key}\", {who}."))
                        .at(Location::cell(header_row, column.number, name, name))
                        .help("Show it (in most spreadsheets: select the columns around it, right-click and choose Unhide) and save."),
                ),
                _ => others.push(format!("{} (\"{}\")", column_letter(column.number), column.words)),
            }
        }
        if !others.is_empty() {
            let columns = crate::content::fields::in_a_list(&others);
            problems.push(hidden_problem(
                file,
                &self.sheet,
                others.len(),
                &columns,
                Hides::Columns,
            ));
        }
        problems
    }
}

/// A column the sheet lacks that rows need for their status (`reason`, for an entry whose
/// status is "not-possible"): told of once, in `Sheet::finish`, naming each row that needs it,
/// at the status of the first.
#[derive(Debug)]
struct NeededForStatus {
    /// What the column says: `why it could not be done, said honestly`.
    why: String,
    /// A value to show.
    example: String,
    /// The statuses that need it, each once, in the order they were met.
    statuses: Vec<String>,
    /// The rows that need it: each its number, and its id when it has one.
    rows: Vec<(usize, Option<String>)>,
    /// The status cell of the first of them.
    at: Location,
}

/// How many of the rows that need a column are named in its message; the others are counted.
const ROWS_NAMED: usize = 10;

impl NeededForStatus {
    /// The one message for the sheet's lack of the column `key`; its column names are in row
    /// `header_row`.
    fn problem(&self, file: &str, key: &str, header_row: usize) -> Diagnostic {
        let mut named: Vec<String> = self
            .rows
            .iter()
            .take(ROWS_NAMED)
            .map(|(number, id)| match id {
                Some(id) => format!("{number} ({id})"),
                None => number.to_string(),
            })
            .collect();
        if self.rows.len() > ROWS_NAMED {
            named.push(format!("{} more", self.rows.len() - ROWS_NAMED));
        }
        let rows = crate::content::fields::in_a_list(&named);
        let statuses: Vec<String> = self.statuses.iter().map(|s| format!("\"{s}\"")).collect();
        let (entries, need, their, those) = match self.rows.len() {
            1 => (
                format!("the entry in row {rows}"),
                "needs",
                "its",
                "that entry",
            ),
            _ => (
                format!("the entries in rows {rows}"),
                "need",
                "their",
                "each of those entries",
            ),
        };
        let status_is = match statuses.len() {
            1 => "status is",
            _ => "statuses are",
        };
        let statuses = crate::content::fields::in_a_list(&statuses);
        let why = &self.why;
        Diagnostic::error(
            rules::COLUMN_MISSING,
            file,
            format!("The spreadsheet has no \"{key}\" column, which {entries} {need}, as {their} {status_is} {statuses}: {why}."),
        )
        .at(self.at.clone())
        .help(format!(
            "Add a column named {key} to row {header_row}, and fill it in for {those}, such as: {}",
            self.example
        ))
    }
}

/// A cell by its row's number, as the spreadsheet shows it, and its column's index (from 0).
type CellAt = (usize, usize);

/// Rows as read: (row number, cells). The first row is the header.
type RawRows = Vec<(usize, Vec<Option<Cell>>)>;

impl Sheet {
    /// Matches the header to `known` column names and keeps the rows that have anything in them.
    fn new(file: &str, raw: RawRows, known: &[&'static str]) -> Sheet {
        let mut rows: RawRows = raw
            .into_iter()
            .filter(|(_, cells)| cells.iter().any(Option::is_some))
            .collect();
        // A title typed above the column names ("You said, we did 2025") is one mistake: it
        // is said once, and the rows are read under the column names, where they are, so
        // that nothing else is reported because of it.
        let above = rows_above_header(&rows, known);
        let title: RawRows = rows.drain(..above).collect();
        let mut rows = rows.into_iter();
        let mut sheet = Sheet {
            file: file.to_owned(),
            header_row: 1,
            columns: Vec::new(),
            headers: Vec::new(),
            misspelt: Vec::new(),
            unsaved_formulas: Vec::new(),
            hidden_columns: HiddenColumns::default(),
            merged: Vec::new(),
            needed_for_status: RefCell::default(),
            rows: Vec::new(),
            problems: Vec::new(),
        };
        let Some((header_row, header)) = rows.next() else {
            sheet.problems.push(
                Diagnostic::warning(rules::SHEET_EMPTY, file, "This spreadsheet is empty, so it has no entries.")
                    .help("Put the column names in the first row and one entry in each row below it, or delete the file."),
            );
            return sheet;
        };
        sheet.header_row = header_row;
        sheet.rows = rows
            .map(|(number, cells)| SheetRow { number, cells })
            .collect();
        for (index, cell) in header.iter().enumerate() {
            let written = cell.as_ref().map(Cell::text);
            sheet
                .headers
                .push(written.clone().unwrap_or_default().trim().to_owned());
            let column = sheet.match_column(index, written, known);
            sheet.columns.push(column);
        }
        if let Some((row, cells)) = title.first() {
            let problem = sheet.title_row_problem(*row, cells);
            sheet.problems.push(problem);
        }
        sheet
    }

    /// The one message for rows typed above the column names, shown at the first of them,
    /// `row`, whose cells are `cells`. The cell is named by its column's letter only: it is
    /// above the column names, and is not one of that column's cells.
    fn title_row_problem(&self, row: usize, cells: &[Option<Cell>]) -> Diagnostic {
        let index = cells.iter().position(Option::is_some).unwrap_or(0);
        // The row's words as the spreadsheet shows them, cell after cell.
        let words: Vec<String> = cells
            .iter()
            .flatten()
            .map(|cell| cell.text().lines().next().unwrap_or("").trim().to_owned())
            .collect();
        let header_row = self.header_row;
        let rows = if row + 1 == header_row {
            format!("row {row}")
        } else {
            format!("rows {row} to {}", header_row - 1)
        };
        Diagnostic::error(
            rules::SHEET_TITLE_ROW,
            &self.file,
            format!("The first row of this spreadsheet must be the column names, but they seem to be in row {header_row}, under a title."),
        )
        .at(Location::cell(row, index + 1, "", &words.join(", ")))
        .help(format!("Delete {rows}, above the column names, so that the column names are the first row, and save."))
    }

    fn match_column(
        &mut self,
        index: usize,
        written: Option<String>,
        known: &[&'static str],
    ) -> Option<&'static str> {
        let location = |text: &str| Location::cell(self.header_row, index + 1, text, text);
        let Some(written) = written else {
            let filled = self
                .rows
                .iter()
                .filter(|row| matches!(row.cells.get(index), Some(Some(_))))
                .count();
            if filled > 0 {
                let letter = column_letter(index + 1);
                self.problems.push(
                    Diagnostic::warning(rules::COLUMN_UNNAMED, &self.file, format!("Column {letter} has no name in row {}, so Chorus does not read it: nothing in it is published.", self.header_row))
                        .help(format!("If it belongs to the entries, write its name in row {}: one of {}.", self.header_row, known.join(", "))),
                );
            }
            return None;
        };
        let key = column_key(&written);
        if let Some(name) = known.iter().find(|k| **k == key) {
            if self.columns.contains(&Some(*name)) {
                self.problems.push(
                    Diagnostic::error(
                        rules::COLUMN_TWICE,
                        &self.file,
                        format!("There are two \"{name}\" columns."),
                    )
                    .at(location(&written))
                    .help("Keep one of them: Chorus can't tell which one is right."),
                );
                return None;
            }
            return Some(*name);
        }
        match nearest(&key, known) {
            Some(near) if !self.columns.contains(&Some(near)) => {
                self.misspelt.push(near);
                self.problems.push(
                    Diagnostic::error(rules::COLUMN_UNKNOWN, &self.file, format!("\"{}\" is not a column Chorus knows.", written.trim()))
                        .at(location(&written))
                        .help(format!("Did you mean \"{near}\"? Correct the column's name in row {}.", self.header_row)),
                );
            }
            _ => self.problems.push(
                Diagnostic::warning(rules::COLUMN_UNREAD, &self.file, format!("Chorus does not read the column \"{}\", so nothing in it is published.", written.trim()))
                    .at(location(&written))
                    .help(format!("If it belongs to the entries, rename it to one of: {}. Otherwise there is nothing to do.", known.join(", "))),
            ),
        }
        None
    }

    /// The rows as records an entry (or a rating, as `of` says) can be read from.
    pub fn records(&self, of: &'static RowsOf) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().map(move |row| Row {
            of,
            sheet: self,
            row,
            problems: Vec::new(),
            reported: Vec::new(),
            empty: Vec::new(),
            merged: Vec::new(),
            carries_on: self.carries_on(of, row),
        })
    }

    /// The row above `row` that it seems to carry on, by its number and its name (id), when
    /// `row` has no name and words only in columns of words (as `of` says which): the rest of
    /// a long text typed on a row of its own. None when no row above has a name.
    fn carries_on(&self, of: &RowsOf, row: &SheetRow) -> Option<(usize, String)> {
        let name = self.column(of.name)?;
        let named = |row: &SheetRow| Some(row.cells.get(name)?.as_ref()?.text());
        if named(row).is_some() || self.merged_into(row.number, name).is_some() {
            return None;
        }
        let mut filled = self.filled(row).map(|(_, key)| key).peekable();
        filled.peek()?;
        if !filled.all(|key| of.words.contains(&key)) {
            return None;
        }
        self.rows
            .iter()
            .rev()
            .skip_while(|above| above.number >= row.number)
            .find_map(|above| Some((above.number, named(above)?)))
    }

    /// The cells of `row` in columns Chorus reads that hold something: each its index and its
    /// column's known name.
    fn filled<'r>(&'r self, row: &'r SheetRow) -> impl Iterator<Item = (usize, &'static str)> + 'r {
        row.cells.iter().enumerate().filter_map(|(index, cell)| {
            cell.as_ref()?;
            Some((index, self.columns.get(index).copied().flatten()?))
        })
    }

    /// The first row of the merged region that holds the cell in row `row`, column `index`,
    /// below its first row: the cell reads as empty, and its value is in that row.
    fn merged_into(&self, row: usize, index: usize) -> Option<usize> {
        self.merged
            .iter()
            .find_map(|region| region.first_row_above(row, index))
    }

    fn column(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|c| *c == Some(key))
    }

    /// Every problem of the sheet as a whole, once its rows have been read.
    pub fn finish(self) -> Vec<Diagnostic> {
        let mut problems = self.problems;
        for (key, needed) in self.needed_for_status.into_inner() {
            problems.push(needed.problem(&self.file, key, self.header_row));
        }
        problems.extend(self.hidden_columns.problems(&self.file, self.header_row));
        problems
    }

    /// The row of this number that is read: under the header, with something in it, and not
    /// hidden.
    fn row(&self, number: usize) -> Option<&SheetRow> {
        let index = self.rows.binary_search_by_key(&number, |r| r.number).ok()?;
        self.rows.get(index)
    }
}

/// A column's name as Chorus compares it with the names it knows: `You said` is `you_said`.
fn column_key(written: &str) -> String {
    written.trim().to_lowercase().replace([' ', '-'], "_")
}

/// How many of the first rows with something in them are not yet the column names: a title
/// ("You said, we did 2025"), or a line about the sheet, typed above them. The column names
/// are the first of the next few rows that names at least three columns Chorus knows, and
/// more than twice as many as the first row does; a sheet with no such row starts with them.
fn rows_above_header(rows: &[(usize, Vec<Option<Cell>>)], known: &[&str]) -> usize {
    let Some((_, first)) = rows.first() else {
        return 0;
    };
    let in_first = known_names(first, known);
    rows.iter()
        .take(ROWS_LOOKED_AT)
        .position(|(_, cells)| {
            let names = known_names(cells, known);
            names >= 3 && names > 2 * in_first
        })
        .unwrap_or(0)
}

/// How many of the first rows of a sheet are looked at for its column names.
const ROWS_LOOKED_AT: usize = 10;

/// How many cells of a row are names of columns Chorus knows.
fn known_names(cells: &[Option<Cell>], known: &[&str]) -> usize {
    cells
        .iter()
        .flatten()
        .filter(|cell| known.contains(&column_key(&cell.text()).as_str()))
        .count()
}

/// The files a spreadsheet program keeps beside a workbook while it is open or being saved:
/// Excel's `~$tracker.xlsx` owner file and `A1B2C3D4.tmp`, LibreOffice's `.~lock.…#`. They
/// are not the report's, so they are passed over without a word.
pub fn is_spreadsheet_scratch(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.starts_with("~$") || name.starts_with(".~lock.") || name.to_lowercase().ends_with(".tmp")
}

/// Reads a spreadsheet of the report (`you-said-we-did/tracker.csv`, `.xlsx` or `.ods`, by its
/// path from `content/`): a workbook from the sheet `sheets` names for it, or its first.
pub fn read(
    files: &crate::report_files::ReportFiles,
    name: &str,
    sheets: &[(String, At<String>)],
    known: &[&'static str],
) -> Result<Sheet, Diagnostic> {
    let display = format!("content/{name}");
    if name.to_lowercase().ends_with(".csv") {
        let bytes = crate::content::read_bytes(files, name)?;
        if let Some(workbook) = workbook_named_csv(&bytes) {
            return Err(workbook.problem(&display));
        }
        return match crate::content::source_of(name, bytes) {
            Ok(file) => Ok(from_csv(&file.name, &file.text(), known)),
            Err(problem) if problem.rule == rules::FILE_NOT_UTF8 => Err(problem.help("In Excel, choose File, Save As, and the type \"CSV UTF-8\". In LibreOffice, choose the character set \"Unicode (UTF-8)\" when you save.")),
            Err(problem) => Err(problem),
        };
    }
    let wanted = sheets.iter().find(|(path, _)| path == name).map(|(_, s)| s);
    files
        .read(&display, crate::report_files::READ_LIMIT)
        .map_err(|refusal| refusal.diagnostic(&display))
        .and_then(|bytes| from_workbook(&display, bytes, wanted, known))
}

/// What a file named `.csv` is when it is a workbook: saved as one with a CSV file's name, or
/// renamed.
#[derive(Debug, PartialEq)]
enum WorkbookNamedCsv {
    Xlsx,
    Ods,
    /// An `.xls` or `.xlsb` workbook, or another document of an office program: not one
    /// Chorus reads.
    Other,
}

/// Tells a workbook from a CSV file by its first bytes: a zip file (`PK\x03\x04`), as an
/// `.xlsx` or `.ods` workbook is, or an older Office file. Which workbook a zip is comes from
/// the names of the files it holds: `xl/workbook.xml` is Excel's, and an `.ods` says what it
/// is in its first file, `mimetype`.
fn workbook_named_csv(bytes: &[u8]) -> Option<WorkbookNamedCsv> {
    const OLD_OFFICE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(OLD_OFFICE) {
        return Some(WorkbookNamedCsv::Other);
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return None;
    }
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Some(WorkbookNamedCsv::Other);
    };
    if archive.index_for_name("xl/workbook.xml").is_some() {
        return Some(WorkbookNamedCsv::Xlsx);
    }
    let mut mimetype = String::new();
    if let Ok(file) = archive.by_name("mimetype") {
        // The type is a few dozen bytes: no more is read, whatever the zip says it holds.
        let _ = std::io::Read::read_to_string(&mut std::io::Read::take(file, 100), &mut mimetype);
    }
    if mimetype.trim() == "application/vnd.oasis.opendocument.spreadsheet" {
        return Some(WorkbookNamedCsv::Ods);
    }
    Some(WorkbookNamedCsv::Other)
}

impl WorkbookNamedCsv {
    /// One plain message, that shows none of the file's bytes.
    fn problem(&self, file: &str) -> Diagnostic {
        let stem = file.rsplit('/').next().unwrap_or(file);
        let stem = &stem[..stem.len() - ".csv".len()];
        let (what, help) = match self {
            WorkbookNamedCsv::Xlsx => (
                "an Excel workbook (.xlsx)",
                format!("Rename it {stem}.xlsx, and Chorus reads it as a workbook. Or open it in your spreadsheet and save it as CSV: in Excel, choose File, Save As, and the type \"CSV UTF-8\"."),
            ),
            WorkbookNamedCsv::Ods => (
                "an OpenDocument workbook (.ods)",
                format!("Rename it {stem}.ods, and Chorus reads it as a workbook. Or open it in your spreadsheet and save it as CSV: in LibreOffice, choose File, Save As, the type \"Text CSV\" and the character set \"Unicode (UTF-8)\"."),
            ),
            WorkbookNamedCsv::Other => (
                "a workbook, or another document of an office program",
                "Open it in your spreadsheet and save it as an .xlsx workbook, or as CSV: in Excel, choose File, Save As, and the type \"CSV UTF-8\".".to_owned(),
            ),
        };
        Diagnostic::error(
            rules::CSV_IS_A_WORKBOOK,
            file,
            format!("This file's name ends in .csv, but it is {what}, not a CSV file, so Chorus can't read it."),
        )
        .help(help)
    }
}

/// Reads a CSV file as Excel and LibreOffice save it: a byte order mark or none, CRLF line
/// ends, quoted cells holding commas, quotes and line breaks.
pub fn from_csv(file: &str, text: &str, known: &[&'static str]) -> Sheet {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut raw = Vec::new();
    let mut problems = Vec::new();
    // A spreadsheet numbers its rows as it shows them: a cell holding line breaks is still
    // one row, and a blank line is a row of its own (which the csv reader skips).
    let mut last: Option<(usize, usize)> = None; // (byte where the record starts, its row)
    for record in reader.records() {
        match record {
            Ok(record) => {
                let mut start = record.position().map_or(0, |p| p.byte() as usize);
                start = start.min(text.len());
                // The reader may place a record at the `\n` of the `\r\n` before it, or at
                // the blank lines before it: its first row is its first line with something.
                while text[start..].starts_with(['\r', '\n']) {
                    start += 1;
                }
                let row = match last {
                    // Every line before the first record is blank.
                    None => 1 + text[..start].matches('\n').count(),
                    Some((last_start, last_row)) => {
                        last_row + 1 + blank_lines(&text[last_start..start])
                    }
                };
                last = Some((start, row));
                let cells = record
                    .iter()
                    .map(|f| {
                        let words = crate::untrusted::formula::unguarded(f.trim());
                        (!words.is_empty()).then(|| Cell::Text(words.to_owned()))
                    })
                    .collect();
                raw.push((row, cells));
            }
            Err(error) => {
                problems.push(
                    Diagnostic::error(rules::WORKBOOK_UNREADABLE, file, "Chorus can't read part of this CSV file.")
                        .help(format!("Open it in your spreadsheet and save it again as CSV UTF-8. (The CSV reader said: {error}.)")),
                );
                break;
            }
        }
    }
    let mut sheet = Sheet::new(file, raw, known);
    sheet.problems.extend(problems);
    sheet
}

/// The empty lines of some CSV text outside quoted cells: rows a spreadsheet shows, and the
/// csv reader skips. `text` starts with a record, so its first line is not blank.
fn blank_lines(text: &str) -> usize {
    let (mut blank, mut quoted, mut line_empty) = (0, false, false);
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                line_empty = false;
            }
            '\n' if !quoted => {
                blank += usize::from(line_empty);
                line_empty = true;
            }
            '\r' => {}
            _ => line_empty = false,
        }
    }
    blank
}

/// How many bytes a workbook may unpack to. A workbook is a zip file: a small one can claim
/// to hold gigabytes, and reading it would stop the build.
const UNPACKED_LIMIT: u64 = 64 * 1024 * 1024;

/// Reads the first sheet shown of an `.xlsx` or `.ods` workbook, or the sheet `wanted` names.
/// Hidden sheets are passed over, and refused when named.
pub fn from_workbook(
    file: &str,
    bytes: Vec<u8>,
    wanted: Option<&At<String>>,
    known: &[&'static str],
) -> Result<Sheet, Diagnostic> {
    use calamine::Reader;
    let unreadable = || {
        Diagnostic::error(
            rules::WORKBOOK_UNREADABLE,
            file,
            "Chorus can't read this workbook.",
        )
        .help("Open it in your spreadsheet and save it again as .xlsx or .ods.")
    };
    // The sizes the zip's directory declares for its files.
    let mut archive = zip::ZipArchive::new(Cursor::new(&bytes)).map_err(|_| unreadable())?;
    let unpacked: u64 = (0..archive.len())
        .filter_map(|i| archive.by_index_raw(i).ok().map(|f| f.size()))
        .fold(0u64, u64::saturating_add);
    if unpacked > UNPACKED_LIMIT {
        return Err(
            Diagnostic::error(rules::WORKBOOK_TOO_LARGE, file, "This workbook unpacks to more than 64 MB, more than any tracker needs, so Chorus does not read it.")
                .help("Save the entries' sheet on its own as a new workbook or as CSV."),
        );
    }
    let mut workbook =
        calamine::open_workbook_auto_from_rs(Cursor::new(&bytes[..])).map_err(|_| unreadable())?;
    // Only the sheets the group sees when they open the workbook: a hidden sheet (an old
    // copy, a lookup list, names kept aside) is never read, so never published.
    let sheets = workbook.sheets_metadata().to_vec();
    let names: Vec<String> = sheets
        .iter()
        .filter(|sheet| sheet.visible == calamine::SheetVisible::Visible)
        .map(|sheet| sheet.name.clone())
        .collect();
    let name = match wanted {
        None => names.first().cloned().ok_or_else(|| {
            Diagnostic::error(
                rules::SHEET_HIDDEN,
                file,
                "Every sheet of this workbook is hidden, so Chorus read none of them: nothing the group can't see when they open the workbook is published.",
            )
            .help(format!("Show the sheet that holds the entries ({}), check what is on it, and save.", how_to_show(&sheets)))
        })?,
        Some(wanted) if names.contains(&wanted.value) => wanted.value.clone(),
        Some(wanted) if sheets.iter().any(|sheet| sheet.name == wanted.value) => {
            let named = sheets.iter().filter(|sheet| sheet.name == wanted.value);
            return Err(Diagnostic::error(
                rules::SHEET_HIDDEN,
                "content/site.toml",
                format!("The sheet \"{}\" is hidden in {file}, so Chorus does not read it: nothing the group can't see when they open the workbook is published.", wanted.value),
            )
            .at(wanted.location())
            .help(format!("If it should be published, show it ({}), check what is on it, and save. Otherwise name a sheet that is shown.", how_to_show(named))));
        }
        Some(wanted) => {
            let listed: Vec<&str> = names.iter().map(String::as_str).collect();
            let near = nearest(&wanted.value, &listed)
                .map(|n| format!("Did you mean \"{n}\"? "))
                .unwrap_or_default();
            return Err(Diagnostic::error(
                rules::SHEET_NOT_FOUND,
                "content/site.toml",
                format!("{file} has no sheet called \"{}\".", wanted.value),
            )
            .at(wanted.location())
            .help(format!("{near}Its sheets are: {}.", listed.join(", "))));
        }
    };
    // The other sheets, shown or hidden, that look like the entries (or ratings) too: a new
    // year's sheet beside last year's, an old copy kept aside. Chorus reads one sheet, so they
    // are said once, so that the group learns what was left out. A sheet named under [sheets]
    // is read on purpose: then the others are not.
    let mut passed_over = Vec::new();
    if wanted.is_none() {
        for sheet in sheets.iter().filter(|sheet| sheet.name != name) {
            let rows = workbook.worksheet_range(&sheet.name).ok();
            if rows.is_some_and(|rows| names_columns(&rows, known)) {
                passed_over.push(sheet);
            }
        }
    }
    let range = workbook.worksheet_range(&name).map_err(|_| unreadable())?;
    // Where the sheet's formulas are: an .ods workbook has them from its one reading; an
    // .xlsx one reads the sheet once more. A workbook whose formulas can't be read is read as
    // it is, without a word about them.
    let formulas = workbook.worksheet_formula(&name).ok();
    let other_sheets: Vec<String> = names.iter().filter(|n| **n != name).cloned().collect();
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    // Rows and columns hidden in the sheet (by hand, or rows by a filter) are never read, as
    // hidden sheets are not; those that hold something are named, in a warning for each.
    let super::hidden::Layout { hidden, ods_merged } = super::hidden::layout(&bytes, &name);
    let mut rows_with_words = Vec::new();
    // Each hidden column that holds something, by number, with what it holds: (row, words).
    let mut columns_with_words: BTreeMap<usize, Vec<(usize, String)>> = BTreeMap::new();
    let raw = range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let leading = std::iter::repeat_n(None, first_column as usize);
            let cells: Vec<Option<Cell>> = leading.chain(cells.iter().map(workbook_cell)).collect();
            (first_row as usize + i + 1, cells)
        })
        .filter(|(number, cells)| {
            let is_hidden = super::hidden::is_hidden(&hidden.rows, *number);
            if is_hidden && cells.iter().any(Option::is_some) {
                rows_with_words.push(*number);
            }
            !is_hidden
        })
        .map(|(number, mut cells)| {
            for (index, cell) in cells.iter_mut().enumerate() {
                if super::hidden::is_hidden(&hidden.columns, index + 1)
                    && let Some(words) = cell.take()
                {
                    columns_with_words
                        .entry(index + 1)
                        .or_default()
                        .push((number, words.text()));
                }
            }
            (number, cells)
        })
        .collect();
    let mut sheet = Sheet::new(file, raw, known);
    if !passed_over.is_empty() {
        sheet
            .problems
            .push(sheets_passed_over_problem(file, &passed_over, &name));
    }
    if !rows_with_words.is_empty() {
        let rows = super::hidden::in_words(&rows_with_words);
        let problem = hidden_problem(file, &name, rows_with_words.len(), &rows, Hides::Rows);
        sheet.problems.push(problem);
    }
    sheet.hidden_columns = HiddenColumns::new(&name, columns_with_words, sheet.header_row, known);
    sheet.merged = super::merged::merged(&mut workbook, ods_merged, &name);
    // The first sheet holds nothing Chorus knows, and there are others: the entries are
    // likely on one of those.
    if wanted.is_none() && !other_sheets.is_empty() && sheet.columns.iter().all(Option::is_none) {
        let path = file.trim_start_matches("content/");
        return Err(Diagnostic::error(rules::SHEET_NO_KNOWN_COLUMNS, file, format!("The first sheet of this workbook, \"{name}\", has none of the columns Chorus reads, so no entries were found in it.")).help(format!(
            "If they are on another sheet ({}), name it in site.toml: add the lines [sheets] and \"{path}\" = \"{}\". Otherwise put the column names in the first row of \"{name}\".",
            other_sheets.join(", "),
            other_sheets[0]
        )));
    }
    if let Some(formulas) = formulas {
        sheet.formulas(&formulas, &range);
    }
    Ok(sheet)
}

/// Whether a workbook's sheet looks like the entries (or ratings): one of its first rows names
/// at least three columns Chorus reads, as the column names do. A list kept aside for the
/// spreadsheet's drop-down menus does not.
fn names_columns(rows: &calamine::Range<calamine::Data>, known: &[&str]) -> bool {
    rows.rows().take(ROWS_LOOKED_AT).any(|cells| {
        let cells: Vec<Option<Cell>> = cells.iter().map(workbook_cell).collect();
        known_names(&cells, known) >= 3
    })
}

/// How to show a hidden sheet again, for the `sheets` a message is about. A sheet saved as
/// "very hidden" (calamine's `SheetVisible::VeryHidden`, which only Excel's formats have) is
/// not listed by Excel's Unhide: it is shown from the Visual Basic editor.
fn how_to_show<'s>(sheets: impl IntoIterator<Item = &'s calamine::Sheet>) -> String {
    const UNHIDE: &str = "in most spreadsheets: right-click a sheet's tab and choose Unhide";
    const EDITOR: &str = "which Excel's Unhide does not list: in Excel, press Alt+F11 (on a Mac, Option+F11) to open the Visual Basic editor, choose the sheet in the list on the left, press F4, and set Visible to -1 - xlSheetVisible";
    let sheets: Vec<&calamine::Sheet> = sheets.into_iter().collect();
    let very_hidden: Vec<String> = sheets
        .iter()
        .filter(|sheet| sheet.visible == calamine::SheetVisible::VeryHidden)
        .map(|sheet| format!("\"{}\"", sheet.name))
        .collect();
    match very_hidden.as_slice() {
        [] => UNHIDE.to_owned(),
        [_] if sheets.len() == 1 => format!("it is saved as very hidden, {EDITOR}"),
        [one] => format!("{UNHIDE}; {one} is saved as very hidden, {EDITOR}"),
        many => format!(
            "{UNHIDE}; {} are saved as very hidden, {EDITOR}",
            crate::content::fields::in_a_list(many)
        ),
    }
}

/// One warning for the other sheets of a workbook, `others`, shown or hidden, that have the
/// columns Chorus reads, so look like entries (or ratings) too: Chorus read one sheet, `read`,
/// the first shown. Each is named, a hidden one said to be hidden.
fn sheets_passed_over_problem(file: &str, others: &[&calamine::Sheet], read: &str) -> Diagnostic {
    let named: Vec<String> = others
        .iter()
        .map(|sheet| match sheet.visible {
            calamine::SheetVisible::Visible => format!("\"{}\"", sheet.name),
            _ => format!("\"{}\" (hidden)", sheet.name),
        })
        .collect();
    let named = crate::content::fields::in_a_list(&named);
    let hidden: Vec<&calamine::Sheet> = others
        .iter()
        .copied()
        .filter(|sheet| sheet.visible != calamine::SheetVisible::Visible)
        .collect();
    let (sheets, have, them, their, they_are) = match others {
        [_] => ("sheet", "has", "it", "its", "it is"),
        _ => ("sheets", "have", "them", "their", "they are"),
    };
    let show = match hidden.as_slice() {
        [] => String::new(),
        [_] if others.len() == 1 => format!("show it ({}), ", how_to_show(hidden)),
        [one] => format!(
            "show \"{}\" ({}), ",
            one.name,
            how_to_show(hidden.iter().copied())
        ),
        _ => format!(
            "show the hidden ones ({}), ",
            how_to_show(hidden.iter().copied())
        ),
    };
    let path = file.trim_start_matches("content/");
    Diagnostic::warning(
        rules::SHEET_PASSED_OVER,
        file,
        format!("Chorus read only the sheet \"{read}\" of this workbook, the first one shown, but the {sheets} {named} {have} the columns Chorus reads too, so nothing on {them} is published."),
    )
    .help(format!("To publish what is on {them} as well, {show}copy {their} rows (not {their} column names) to the end of \"{read}\", each cell under the column of the same name, and delete {them}. If {they_are} not to be published, delete {them}; or name the sheet to read in site.toml, and Chorus reads only that one, without this warning: add the lines [sheets] and \"{path}\" = \"{read}\"."))
}

/// What a hidden part of a sheet is.
#[derive(Clone, Copy)]
enum Hides {
    Rows,
    Columns,
}

/// One warning for the rows, or the columns, of a sheet that are hidden and hold something:
/// `count` of them, listed in `listed`.
fn hidden_problem(file: &str, sheet: &str, count: usize, listed: &str, hides: Hides) -> Diagnostic {
    let (rule, noun, nouns) = match hides {
        Hides::Rows => (rules::ROWS_HIDDEN, "Row", "rows"),
        Hides::Columns => (rules::COLUMNS_HIDDEN, "Column", "columns"),
    };
    let (plural, verb, they, them) = match count {
        1 => ("", "is", "it", "it"),
        _ => ("s", "are", "they", "them"),
    };
    let filter = match hides {
        Hides::Rows => "; a filter hides rows too, so clear it",
        Hides::Columns => "",
    };
    Diagnostic::warning(
        rule,
        file,
        format!("{noun}{plural} {listed} of the sheet \"{sheet}\" {verb} hidden, so Chorus did not read {them}: nothing the group can't see when they open the workbook is published."),
    )
    .help(format!("If {they} should be published, show {them} (in most spreadsheets: select the {nouns} around {them}, right-click and choose Unhide{filter}) and save. If not, delete {them}, so that no one shows {them} by mistake."))
}

impl Sheet {
    /// The cells of the entries that are read (in a row under the header that is not hidden,
    /// and a column Chorus reads) and hold a formula. Chorus reads the value the spreadsheet
    /// program saved with each, and never works a formula out; `values` are the sheet's cells
    /// as saved. Those saved with a value get one warning for the sheet, at the first, with how
    /// many there are. Those saved without one (as a program other than a spreadsheet may save
    /// them) are read as empty: they get one error of their own, and a row is not also told it
    /// lacks them.
    fn formulas(
        &mut self,
        formulas: &calamine::Range<String>,
        values: &calamine::Range<calamine::Data>,
    ) {
        let Some((first_row, first_column)) = formulas.start() else {
            return;
        };
        let (unsaved, saved): (Vec<CellAt>, Vec<CellAt>) = formulas
            .used_cells()
            .filter(|(_, _, formula)| !formula.trim().is_empty())
            .map(|(row, column, _)| (first_row as usize + row + 1, first_column as usize + column))
            .filter(|(row, column)| {
                self.row(*row).is_some() && matches!(self.columns.get(*column), Some(Some(_)))
            })
            .partition(|(row, column)| {
                let at = ((row - 1) as u32, *column as u32);
                matches!(values.get_value(at), None | Some(calamine::Data::Empty))
            });
        if let Some(problem) = self.unsaved_formulas_problem(&unsaved) {
            self.problems.push(problem);
        }
        if let Some(problem) = self.formulas_problem(&saved) {
            self.problems.push(problem);
        }
        self.unsaved_formulas = unsaved;
    }

    /// The one warning for the formula `cells` (row, column) saved with a value.
    fn formulas_problem(&self, cells: &[CellAt]) -> Option<Diagnostic> {
        let (row, column) = *cells.first()?;
        let value = self
            .row(row)
            .and_then(|r| r.cells.get(column)?.as_ref())
            .map(Cell::text)
            .unwrap_or_default();
        let name = self.headers.get(column).map_or("", String::as_str);
        let message = match cells.len() {
            1 => "This cell holds a formula. Chorus shows the value it had when the workbook was last saved in a spreadsheet program, not what the formula would give today.".to_owned(),
            count => format!(
                "{} cells of this sheet hold a formula, the first of them here. Chorus shows the value each had when the workbook was last saved in a spreadsheet program, not what the formula would give today.",
                crate::diagnostics::thousands(count)
            ),
        };
        Some(
            Diagnostic::warning(rules::CELL_FORMULA, &self.file, message)
                .at(Location::cell(row, column + 1, name, &value))
                .help("If a value may have changed since it was saved (a formula that uses today's date, or another sheet or workbook), open the workbook in your spreadsheet program, save it, and build again. To keep the words as they are for good, copy the cells and paste them back as values only."),
        )
    }

    /// The one error for the formula `cells` (row, column) saved without a value.
    fn unsaved_formulas_problem(&self, cells: &[CellAt]) -> Option<Diagnostic> {
        let (row, column) = *cells.first()?;
        let name = self.headers.get(column).map_or("", String::as_str);
        let (message, help) = match cells.len() {
            1 => (
                "This cell holds a formula, but the workbook was saved without its result, so Chorus reads the cell as empty: Chorus shows the result a spreadsheet program saves with a formula, and never works one out.".to_owned(),
                "Open the workbook in your spreadsheet program and save it there, so that the result is saved with the formula, and build again. Or type the value in place of the formula.",
            ),
            count => (
                format!(
                    "{} cells of this sheet hold a formula, the first of them here, but the workbook was saved without their results, so Chorus reads them as empty: Chorus shows the result a spreadsheet program saves with a formula, and never works one out.",
                    crate::diagnostics::thousands(count)
                ),
                "Open the workbook in your spreadsheet program and save it there, so that each result is saved with its formula, and build again. Or type the values in place of the formulas.",
            ),
        };
        Some(
            Diagnostic::error(rules::CELL_FORMULA_NOT_SAVED, &self.file, message)
                .at(Location::cell(row, column + 1, name, ""))
                .help(help),
        )
    }

    /// Whether the cell in row `number`, column `index`, holds a formula saved without its
    /// result, which has its message already.
    fn is_unsaved_formula(&self, number: usize, index: usize) -> bool {
        self.unsaved_formulas.contains(&(number, index))
    }
}

fn workbook_cell(data: &calamine::Data) -> Option<Cell> {
    use calamine::Data;
    match data {
        Data::Empty => None,
        Data::String(text) if text.trim().is_empty() => None,
        Data::String(text) => Some(Cell::Text(text.trim().to_owned())),
        Data::Int(n) => Some(Cell::Number(*n as f64)),
        Data::Float(n) => Some(Cell::Number(*n)),
        Data::Bool(b) => Some(Cell::Text(b.to_string())),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (year, month, day, ..) = dt.to_ymd_hms_milli();
            let date = Date::new(year as i16, month as i8, day as i8).ok()?;
            Some(Cell::Date(date))
        }
        Data::DateTime(dt) => Some(Cell::Number(dt.as_f64())),
        Data::DateTimeIso(text) => match text.get(..10).and_then(|d| d.parse().ok()) {
            Some(date) => Some(Cell::Date(date)),
            None => Some(Cell::Text(text.clone())),
        },
        Data::DurationIso(text) => Some(Cell::Text(text.clone())),
        Data::Error(error) => Some(Cell::Text(error.to_string())),
    }
}

/// One row, read as an entry's record.
pub struct Row<'s> {
    /// What the rows are: entries or ratings.
    of: &'static RowsOf,
    sheet: &'s Sheet,
    row: &'s SheetRow,
    problems: Vec<Diagnostic>,
    /// Cells already reported as wrong, so they are not reported missing as well.
    reported: Vec<&'static str>,
    /// Cells every record needs that are empty, with an example of each: one message.
    empty: Vec<(&'static str, String)>,
    /// The row above that this one seems to carry on, by its number and name (id), when it
    /// does: then what it lacks is said in that one message.
    carries_on: Option<(usize, String)>,
    /// Cells the record needs that are merged with a row above, so empty in this one: each
    /// its column's known name and index, and the first row of its merged region.
    merged: Vec<(&'static str, usize, usize)>,
}

impl Row<'_> {
    fn cell(&self, key: &'static str) -> Option<(&Cell, Location)> {
        let index = self.sheet.column(key)?;
        let cell = self.row.cells.get(index)?.as_ref()?;
        Some((cell, self.location(index, key, &cell.text())))
    }

    fn location(&self, index: usize, key: &str, text: &str) -> Location {
        Location::cell(
            self.row.number,
            index + 1,
            self.column_name(index, key),
            text,
        )
    }

    /// The cell, showing `text`, with only `part` of it (bytes of `text`) underlined.
    fn part_location(&self, index: usize, key: &str, text: &str, part: Range<usize>) -> Location {
        let name = self.column_name(index, key);
        Location::cell_part(self.row.number, index + 1, name, text, part)
    }

    /// The column's name as the spreadsheet writes it, or else the known name `key`.
    fn column_name<'k>(&'k self, index: usize, key: &'k str) -> &'k str {
        self.sheet
            .headers
            .get(index)
            .filter(|h| !h.is_empty())
            .map_or(key, String::as_str)
    }

    /// The one message for a row that seems to carry on the row above.
    fn carries_on_problem(&self) -> Option<Diagnostic> {
        let (above, name) = self.carries_on.as_ref()?;
        let columns: Vec<String> = self
            .sheet
            .filled(self.row)
            .map(|(_, key)| format!("\"{key}\""))
            .collect();
        let cells = match columns.len() {
            1 => "cell",
            _ => "cells",
        };
        let columns = crate::content::fields::in_a_list(&columns);
        let (noun, id) = (self.of.noun, self.of.name);
        let needs: Vec<String> = self
            .empty
            .iter()
            .map(|(key, _)| *key)
            .filter(|key| *key != id)
            .map(str::to_owned)
            .collect();
        let own = match needs.as_slice() {
            [] => format!("give it its own {id}"),
            needs => format!(
                "give it its own {id} and the cells it needs: {}",
                crate::content::fields::in_a_list(needs)
            ),
        };
        Some(
            Diagnostic::error(
                rules::ROW_CARRIES_ON,
                &self.sheet.file,
                format!("This row has no {id}, and words only in {columns}, so it looks like it carries on the {noun} above it, {name} in row {above}."),
            )
            .at(self.place())
            .help(format!("If it does, move its words to the end of the {columns} {cells} of {name}, in row {above}, and delete this row. If it is a new {noun}, {own}.")),
        )
    }

    /// The one message for a row whose cells it needs are merged with a row above, so empty
    /// in this one, naming any other cell it lacks too.
    fn merged_problem(&self) -> Option<Diagnostic> {
        let &(key, index, _) = self.merged.first()?;
        let merged: Vec<String> = self
            .merged
            .iter()
            .map(|(key, _, _)| (*key).to_owned())
            .collect();
        let mut firsts: Vec<usize> = self.merged.iter().map(|(_, _, first)| *first).collect();
        firsts.sort_unstable();
        firsts.dedup();
        let with = match firsts.as_slice() {
            [first] => format!("row {first}'s"),
            firsts => {
                let rows: Vec<String> = firsts.iter().map(usize::to_string).collect();
                format!("cells of rows {}", crate::content::fields::in_a_list(&rows))
            }
        };
        let noun = self.of.noun;
        let (cells, them, are) = match merged.as_slice() {
            [one] => (format!("{one} cell"), "it", "is"),
            many => (
                format!("cells {}", crate::content::fields::in_a_list(many)),
                "them",
                "are",
            ),
        };
        let mut message = format!(
            "This {noun}'s {cells} {are} merged with {with}, so Chorus reads {them} as empty in this row: a merged cell's value is in its first row only."
        );
        let mut help = format!(
            "Unmerge {them} (select {them}, then in Excel choose Merge & Center, Unmerge Cells; in LibreOffice, Format, Merge and Unmerge Cells, Unmerge Cells), write the value in each row, and save."
        );
        match self.empty.as_slice() {
            [] => {}
            [(key, example)] => {
                message.push_str(&format!(" It is missing {key} too."));
                help.push_str(&format!(" Fill in its {key} cell too, such as: {example}"));
            }
            many => {
                let names: Vec<String> = many.iter().map(|(k, _)| (*k).to_owned()).collect();
                let names = crate::content::fields::in_a_list(&names);
                let examples: Vec<String> = many.iter().map(|(k, e)| format!("{k}: {e}")).collect();
                message.push_str(&format!(" It is missing {names} too."));
                help.push_str(&format!(
                    " Fill in {names} too, such as {}.",
                    examples.join("; ")
                ));
            }
        }
        Some(
            Diagnostic::error(rules::CELL_MERGED, &self.sheet.file, message)
                .at(self.location(index, key, ""))
                .help(help),
        )
    }

    /// Tells the sheet that this row, whose status is `status`, needs the column `key`,
    /// which the sheet lacks; `why` is what it says, `example` a value to show.
    fn needed_for_status(&self, key: &'static str, status: &str, why: &str, example: &str) {
        let id = self.cell("id").map(|(cell, _)| cell.text());
        let mut needed = self.sheet.needed_for_status.borrow_mut();
        if !needed.iter().any(|(k, _)| *k == key) {
            let at = self
                .cell("status")
                .map_or_else(|| self.place(), |(_, at)| at);
            let column = NeededForStatus {
                why: why.to_owned(),
                example: example.to_owned(),
                statuses: Vec::new(),
                rows: Vec::new(),
                at,
            };
            needed.push((key, column));
        }
        if let Some((_, column)) = needed.iter_mut().find(|(k, _)| *k == key) {
            if !column.statuses.iter().any(|s| s == status) {
                column.statuses.push(status.to_owned());
            }
            column.rows.push((self.row.number, id));
        }
    }

    fn error(&mut self, rule: &'static Rule, location: Location, message: String, help: String) {
        self.problems.push(
            Diagnostic::error(rule, &self.sheet.file, message)
                .at(location)
                .help(help),
        );
    }
}

impl Record for Row<'_> {
    fn file(&self) -> &str {
        &self.sheet.file
    }

    fn place(&self) -> Location {
        let (index, text) = self
            .row
            .cells
            .iter()
            .enumerate()
            .find_map(|(i, c)| c.as_ref().map(|c| (i, c.text())))
            .unwrap_or((0, String::new()));
        let name = self
            .sheet
            .columns
            .get(index)
            .copied()
            .flatten()
            .unwrap_or("");
        self.location(index, name, &text)
    }

    fn text(&mut self, key: &'static str) -> Option<At<String>> {
        let (cell, location) = self.cell(key)?;
        Some(At {
            value: cell.text(),
            place: location.into(),
        })
    }

    fn date(&mut self, key: &'static str) -> Option<At<Date>> {
        let (cell, location) = self.cell(key)?;
        let date = match cell {
            Cell::Date(date) => Ok(*date),
            Cell::Text(text) => cell_date(&self.sheet.file, key, text, &location),
            Cell::Number(_) => Err(Diagnostic::error(rules::CELL_DATE_IS_NUMBER, &self.sheet.file, format!("\"{key}\" should be a date, but this cell holds a number."))
                .at(location.clone())
                .help("Format the cell as a date, or type the date as year-month-day, such as 2025-03-14.")),
        };
        match date {
            Ok(value) => Some(At::made(value, location)),
            Err(problem) => {
                self.problems.push(problem);
                self.reported.push(key);
                None
            }
        }
    }

    fn list(&mut self, key: &'static str) -> Vec<At<String>> {
        let Some((cell, location)) = self.cell(key) else {
            return Vec::new();
        };
        cell.text()
            .split('|')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(|item| At {
                value: item.to_owned(),
                place: location.clone().into(),
            })
            .collect()
    }

    fn whole_number(&mut self, key: &'static str) -> Option<At<i64>> {
        let (cell, location) = self.cell(key)?;
        let number = match cell {
            Cell::Number(n) if n.fract() == 0.0 => Some(*n as i64),
            Cell::Text(text) => text.trim().trim_end_matches('%').trim().parse().ok(),
            _ => None,
        };
        if number.is_none() {
            let help = match cell {
                Cell::Number(n) if *n > 0.0 && *n < 1.0 => format!(
                    "The cell holds {n}: if it is formatted as a percentage, type the number instead, such as {}.",
                    (n * 100.0).round()
                ),
                _ => "Write a whole number, such as 40.".to_owned(),
            };
            self.error(
                rules::SETTING_WRONG_KIND,
                location.clone(),
                format!("\"{key}\" should be a whole number."),
                help,
            );
        }
        number.map(|value| At::made(value, location))
    }

    /// Each update on its own line of the cell: `2025-03-14 | done | what happened`. A line
    /// that does not start with a date continues the note above it.
    fn updates(&mut self) -> UpdatesRead {
        let (Some(index), Some((cell, _))) = (self.sheet.column("update"), self.cell("update"))
        else {
            return UpdatesRead::default();
        };
        let text = cell.text();
        let mut updates: Vec<UpdateRead> = Vec::new();
        let mut unread = Vec::new();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            // Each update is shown at its own line of the cell, not at the cell's first.
            let line = line.trim();
            let location = self.location(index, "update", line);
            let parts: Vec<&str> = line.splitn(3, '|').map(str::trim).collect();
            let date = parts.first().and_then(|d| d.parse::<Date>().ok());
            match (date, parts.as_slice()) {
                (Some(date), [_, status, rest @ ..]) if !status.is_empty() => {
                    // The status is shown at its own word: the first of the words after the
                    // first `|`.
                    let after = line.find('|').map_or(0, |bar| bar + 1);
                    let start = after + (line[after..].len() - line[after..].trim_start().len());
                    let status_place =
                        self.part_location(index, "update", line, start..start + status.len());
                    let note = rest.first().filter(|n| !n.is_empty()).map(|n| At {
                        value: (*n).to_owned(),
                        place: location.clone().into(),
                    });
                    updates.push(UpdateRead {
                        date: At {
                            value: date,
                            place: location.clone().into(),
                        },
                        status: At {
                            value: (*status).to_owned(),
                            place: status_place.into(),
                        },
                        note,
                    });
                }
                (None, _) if !updates.is_empty() && !line.contains('|') => {
                    if let Some(last) = updates.last_mut() {
                        match &mut last.note {
                            Some(note) => {
                                note.value.push('\n');
                                note.value.push_str(line.trim());
                            }
                            None => {
                                last.note = Some(At {
                                    value: line.trim().to_owned(),
                                    place: location.clone().into(),
                                })
                            }
                        }
                    }
                }
                _ => {
                    unread.push(date);
                    let hint = parts
                        .first()
                        .and_then(|d| dates::read_typed(d))
                        .map(|typed| format!(" {}", typed.hint()))
                        .unwrap_or_default();
                    self.error(
                        rules::UPDATE_UNREADABLE,
                        location,
                        format!("Chorus can't read this update: \"{}\".", line.trim()),
                        format!("Write each update on its own line of the cell as date | status | what happened, such as 2025-03-14 | done | We sent the new letters.{hint}"),
                    );
                }
            }
        }
        UpdatesRead {
            read: updates,
            unread,
        }
    }

    /// Each piece on its own line of the cell: `category | title | address`.
    fn evidence(&mut self) -> Vec<EvidenceRead> {
        let (Some(index), Some((cell, _))) = (self.sheet.column("evidence"), self.cell("evidence"))
        else {
            return Vec::new();
        };
        let mut evidence = Vec::new();
        for line in cell.text().lines().filter(|l| !l.trim().is_empty()) {
            // Each piece is shown at its own line of the cell, not at the cell's first.
            let location = self.location(index, "evidence", line.trim());
            let parts: Vec<&str> = line.splitn(3, '|').map(str::trim).collect();
            let at = |value: &str| At {
                value: value.to_owned(),
                place: location.clone().into(),
            };
            match parts.as_slice() {
                [category, title, rest @ ..] if !category.is_empty() && !title.is_empty() => {
                    evidence.push(EvidenceRead {
                        category: at(category),
                        title: at(title),
                        url: rest.first().filter(|u| !u.is_empty()).map(|u| at(u)),
                    });
                }
                _ => self.error(
                    rules::EVIDENCE_UNREADABLE,
                    location.clone(),
                    format!("Chorus can't read this piece of evidence: \"{}\".", line.trim()),
                    "Write each piece on its own line of the cell as category | title | address, such as outcomes | Annual survey 2025 | https://example.org/survey. The address may be left out.".to_owned(),
                ),
            }
        }
        evidence
    }

    fn missing(&mut self, key: &'static str, need: &Need<'_>, example: &str, _is_text: bool) {
        if self.sheet.misspelt.contains(&key) || self.reported.contains(&key) {
            return;
        }
        // Said in the one message for a row that carries on the row above.
        if self.carries_on.is_some() {
            self.empty.push((key, example.to_owned()));
            return;
        }
        match self.sheet.column(key) {
            Some(index) if self.sheet.is_unsaved_formula(self.row.number, index) => {}
            Some(index) if let Some(first) = self.sheet.merged_into(self.row.number, index) => {
                self.merged.push((key, index, first));
            }
            Some(_) if matches!(need, Need::Always) => self.empty.push((key, example.to_owned())),
            Some(index) => {
                let location = self.location(index, key, "");
                self.problems.push(
                    Diagnostic::error(
                        rules::CELL_MISSING,
                        &self.sheet.file,
                        need.message(key, self.of.noun),
                    )
                    .at(location)
                    .help(format!("Fill in its \"{key}\" cell, such as: {example}")),
                );
            }
            // Said once for the sheet, by `finish`: hidden columns are never read.
            None if self.sheet.hidden_columns.named(key).is_some() => {
                let mut needed = self.sheet.hidden_columns.needed.borrow_mut();
                needed
                    .entry(key)
                    .or_insert_with(|| need.which_need(self.of.noun));
            }
            // One message for the whole sheet, naming the rows that need it, by `finish`.
            None if let Need::ForStatus(status, why) = need => {
                self.needed_for_status(key, status, why, example)
            }
            // One message for the whole sheet: each row would say the same.
            None => self.problems.push(
                Diagnostic::error(
                    rules::COLUMN_MISSING,
                    &self.sheet.file,
                    need.column_message(key, self.of.noun),
                )
                .help(format!(
                    "Add a column named {key} to row {}, and fill it in.",
                    self.sheet.header_row
                )),
            ),
        }
    }

    fn push(&mut self, problem: Diagnostic) {
        self.problems.push(problem);
    }

    fn finish(mut self) -> Vec<Diagnostic> {
        // What a row lacks is one message: that it seems to carry on the row above, that
        // cells it needs are merged with a row above, or which cells it needs.
        if let Some(problem) = self.carries_on_problem() {
            self.problems.push(problem);
            return self.problems;
        }
        if let Some(problem) = self.merged_problem() {
            self.problems.push(problem);
            return self.problems;
        }
        match self.empty.as_slice() {
            [] => {}
            [(key, example)] => {
                let index = self.sheet.column(key).unwrap_or(0);
                let problem = Diagnostic::error(
                    rules::CELL_MISSING,
                    &self.sheet.file,
                    Need::Always.message(key, self.of.noun),
                )
                .at(self.location(index, key, ""))
                .help(format!("Fill in its \"{key}\" cell, such as: {example}"));
                self.problems.push(problem);
            }
            many => {
                let names: Vec<String> = many.iter().map(|(k, _)| (*k).to_owned()).collect();
                let examples: Vec<String> = many.iter().map(|(k, e)| format!("{k}: {e}")).collect();
                let problem = Diagnostic::error(
                    rules::CELL_MISSING,
                    &self.sheet.file,
                    format!(
                        "This {} is missing {} cells it needs: {}.",
                        self.of.noun,
                        many.len(),
                        crate::content::fields::in_a_list(&names)
                    ),
                )
                .at(self.place())
                .help(format!("Fill them in, such as {}.", examples.join("; ")));
                self.problems.push(problem);
            }
        }
        self.problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOWN: &[&str] = &["id", "title", "you_said"];

    #[test]
    fn numbers_rows_as_the_spreadsheet_does() {
        let text = "\r\nid,title,you_said\r\n1,One,\"two\r\nlines\"\r\n\r\n2,Two,\"a, b and \"\"c\"\"\"\r\n,,\r\n";
        let sheet = from_csv("t.csv", text, KNOWN);
        let rows: Vec<usize> = sheet.rows.iter().map(|r| r.number).collect();
        assert_eq!(rows, [3, 5]);
        assert_eq!(
            sheet.rows[1].cells[2],
            Some(Cell::Text("a, b and \"c\"".into()))
        );
        assert!(sheet.problems.is_empty());
    }

    /// Past ten, the rows that need a missing column are counted, not each named.
    #[test]
    fn names_ten_rows_that_need_a_column_and_counts_the_others() {
        let mut text = "id,title,you_said,said_by,forum,said_date,status,owner\n".to_owned();
        for n in 1..=12 {
            text.push_str(&format!("e-{n},T,Y,carers,F,2025-01-01,not-possible,O\n"));
        }
        let sheet = from_csv("t.csv", &text, super::super::entry::FIELDS);
        let today = Date::constant(2026, 11, 23);
        for row in sheet.records(&super::super::entry::ROWS) {
            let (_, problems) = super::super::entry::read(row, today);
            assert!(problems.is_empty(), "{problems:?}");
        }
        let problems = sheet.finish();
        let [problem] = problems.as_slice() else {
            panic!("{problems:?}")
        };
        assert!(
            problem.message.starts_with("The spreadsheet has no \"reason\" column, which the entries in rows 2 (e-1), 3 (e-2), 4 (e-3), 5 (e-4), 6 (e-5), 7 (e-6), 8 (e-7), 9 (e-8), 10 (e-9), 11 (e-10) and 2 more need,"),
            "{}",
            problem.message
        );
    }
}
