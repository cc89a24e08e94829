//! Which rows and columns of a workbook's sheet are hidden, so that what the group can't see
//! when they open the workbook is never published.
//!
//! Written here because calamine reads cells, not how a sheet is shown: its issue #237 asks
//! for row visibility and was closed as not planned. This reads the one attribute from the
//! sheet's own XML, with the zip and quick-xml crates calamine itself uses: `hidden` on an
//! `.xlsx` row (`<row r="6" hidden="1">`) or column (`<col min="8" max="8" hidden="1">`), and
//! `table:visibility` on an `.ods` row or column, which may stand for many
//! (`table:number-rows-repeated`, `table:number-columns-repeated`). A filter hides rows the
//! same way.
//! Reading is one pass over the sheet's XML, and the workbook's unpacked size is already
//! limited before this is called. The pass over an `.ods` sheet also gathers its merged
//! regions, which calamine does not read from `.ods` (see `merged.rs`).

use super::merged::Merged;
use quick_xml::events::{BytesStart, Event};
use std::io::{Cursor, Read};
use std::ops::Range;

/// What a sheet hides: ranges of row and column numbers as the spreadsheet counts them (from
/// 1: column A is 1).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Hidden {
    pub rows: Vec<Range<usize>>,
    pub columns: Vec<Range<usize>>,
}

/// How a sheet is laid out, beyond its cells: what it hides and, for an `.ods` sheet, its
/// merged regions, which calamine reads only from `.xlsx` (see `merged.rs`). Both come from the
/// one pass over the `.ods` sheet's XML.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Layout {
    pub hidden: Hidden,
    /// `None` for an `.xlsx` sheet, whose merged regions calamine reads.
    pub ods_merged: Option<Vec<Merged>>,
}

/// How `sheet` is laid out. Nothing hidden or merged when the workbook's XML can't be read:
/// calamine has read its cells, so the sheet is there, and a sheet whose rows can't be told
/// apart is read whole.
pub fn layout(bytes: &[u8], sheet: &str) -> Layout {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Layout::default();
    };
    let mut read = |name: &str| -> Option<Vec<u8>> {
        let mut file = archive.by_name(name).ok()?;
        let mut text = Vec::new();
        file.read_to_end(&mut text).ok()?;
        Some(text)
    };
    if let Some(content) = read("content.xml") {
        let (hidden, merged) = ods_layout(&content, sheet);
        return Layout {
            hidden,
            ods_merged: Some(merged),
        };
    }
    let hidden = read("xl/workbook.xml")
        .zip(read("xl/_rels/workbook.xml.rels"))
        .and_then(|(workbook, relations)| xlsx_sheet_path(&workbook, &relations, sheet))
        .and_then(|path| read(&path))
        .map(|xml| xlsx_hidden(&xml))
        .unwrap_or_default();
    Layout {
        hidden,
        ods_merged: None,
    }
}

/// An attribute's value by its local name (without its namespace's prefix).
fn attribute(element: &BytesStart<'_>, local: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().into_inner() == local)
        .and_then(|a| {
            quick_xml::escape::unescape(&a.value)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// The path in the zip of the `.xlsx` sheet called `sheet`: `xl/workbook.xml` gives its
/// relationship's id, and `xl/_rels/workbook.xml.rels` that relationship's file.
fn xlsx_sheet_path(workbook: &[u8], relations: &[u8], sheet: &str) -> Option<String> {
    let id = elements(workbook, &["sheet"])
        .find(|e| attribute(e, "name").as_deref() == Some(sheet))
        .and_then(|e| attribute(&e, "id"))?;
    let target = elements(relations, &["Relationship"])
        .find(|e| attribute(e, "Id").as_deref() == Some(id.as_str()))
        .and_then(|e| attribute(&e, "Target"))?;
    Some(match target.strip_prefix('/') {
        Some(from_root) => from_root.to_owned(),
        None => format!("xl/{target}"),
    })
}

/// The elements with one of the `local` names in an XML text, in order, each with its
/// attributes.
fn elements<'x>(
    xml: &'x [u8],
    local: &'x [&'x str],
) -> impl Iterator<Item = BytesStart<'static>> + 'x {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buffer = Vec::new();
    std::iter::from_fn(move || {
        loop {
            buffer.clear();
            match reader.read_event_into(&mut buffer) {
                Ok(Event::Start(e) | Event::Empty(e))
                    if local.contains(&e.local_name().into_inner()) =>
                {
                    return Some(e.into_owned());
                }
                Ok(Event::Eof) | Err(_) => return None,
                Ok(_) => {}
            }
        }
    })
}

/// What an `.xlsx` sheet hides: each `<row>` says its number (`r`, or one after the row
/// before) and whether it is `hidden`; each `<col>` the columns it stands for (`min` to `max`).
fn xlsx_hidden(xml: &[u8]) -> Hidden {
    let mut hidden = Hidden::default();
    let mut number = 0usize;
    let is_hidden =
        |e: &BytesStart<'_>| matches!(attribute(e, "hidden").as_deref(), Some("1" | "true"));
    for element in elements(xml, &["row", "col"]) {
        if element.local_name().into_inner() == "col" {
            let bound = |name| attribute(&element, name).and_then(|n| n.parse::<usize>().ok());
            if let (Some(min), Some(max), true) = (bound("min"), bound("max"), is_hidden(&element))
            {
                push(&mut hidden.columns, min..max.max(min).saturating_add(1));
            }
            continue;
        }
        number = attribute(&element, "r")
            .and_then(|r| r.parse().ok())
            .unwrap_or(number + 1);
        if is_hidden(&element) {
            push(&mut hidden.rows, number..number + 1);
        }
    }
    hidden
}

/// What the `.ods` sheet called `sheet` hides, and its merged regions, in one pass. Its rows,
/// columns and each row's cells are counted in order, each `table:table-row`,
/// `table:table-column` or cell standing for as many as it repeats (1 when not given). A row
/// or column is hidden when its `table:visibility` is `collapse` or `filter`. A cell that spans
/// more than itself (`table:number-rows-spanned`, `table:number-columns-spanned`) starts a
/// merged region; the cells it covers are `table:covered-table-cell`s, counted as cells. A
/// table inside a cell is not the sheet's, so nothing in it is counted.
fn ods_layout(xml: &[u8], sheet: &str) -> (Hidden, Vec<Merged>) {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buffer = Vec::new();
    let mut hidden = Hidden::default();
    let mut merged = Vec::new();
    // Inside the sheet: how many tables deep (1 for the sheet's own rows).
    let mut depth = 0usize;
    let (mut next_row, mut next_column) = (1usize, 1usize);
    // The row being read, and the next cell's index in it (from 0: column A is 0).
    let (mut row, mut next_cell) = (0usize, 0usize);
    let number = |element: &BytesStart<'_>, name: &str| {
        attribute(element, name)
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(1)
            .max(1)
    };
    let shown = |element: &BytesStart<'_>| {
        !matches!(
            attribute(element, "visibility").as_deref(),
            Some("collapse" | "filter")
        )
    };
    loop {
        buffer.clear();
        let (element, opens) = match reader.read_event_into(&mut buffer) {
            Ok(Event::Start(e)) => (e, true),
            Ok(Event::Empty(e)) => (e, false),
            Ok(Event::End(e)) if depth > 0 && e.local_name().into_inner() == "table" => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        match element.local_name().into_inner() {
            "table" if depth > 0 => depth += usize::from(opens),
            "table" if opens && attribute(&element, "name").as_deref() == Some(sheet) => depth = 1,
            "table-row" if depth == 1 => {
                row = next_row;
                next_row = next_row.saturating_add(number(&element, "number-rows-repeated"));
                next_cell = 0;
                if !shown(&element) {
                    push(&mut hidden.rows, row..next_row);
                }
            }
            "table-column" if depth == 1 => {
                let these = next_column
                    ..next_column.saturating_add(number(&element, "number-columns-repeated"));
                if !shown(&element) {
                    push(&mut hidden.columns, these.clone());
                }
                next_column = these.end;
            }
            local @ ("table-cell" | "covered-table-cell") if depth == 1 => {
                let (rows, columns) = match local {
                    "table-cell" => (
                        number(&element, "number-rows-spanned"),
                        number(&element, "number-columns-spanned"),
                    ),
                    _ => (1, 1),
                };
                if rows > 1 || columns > 1 {
                    merged.push(Merged {
                        rows: row..row.saturating_add(rows),
                        columns: next_cell..next_cell.saturating_add(columns),
                    });
                }
                next_cell = next_cell.saturating_add(number(&element, "number-columns-repeated"));
            }
            _ => {}
        }
    }
    (hidden, merged)
}

/// Adds rows to the list, joining them to the last range when they follow on.
fn push(hidden: &mut Vec<Range<usize>>, rows: Range<usize>) {
    match hidden.last_mut() {
        Some(last) if last.end == rows.start => last.end = rows.end,
        _ => hidden.push(rows),
    }
}

/// Whether row `number` is in one of the ranges.
pub fn is_hidden(hidden: &[Range<usize>], number: usize) -> bool {
    hidden.iter().any(|rows| rows.contains(&number))
}

/// Row numbers in words: "4", "4 and 7", "3, 5 and 6", "4, 7 and 9 to 12".
pub fn in_words(rows: &[usize]) -> String {
    let mut runs: Vec<Range<usize>> = Vec::new();
    for &row in rows {
        push(&mut runs, row..row + 1);
    }
    // A run of three rows or more is "9 to 12"; two rows are named each.
    let words: Vec<String> = runs
        .iter()
        .flat_map(|run| match run.len() {
            1 | 2 => run.clone().map(|row| row.to_string()).collect(),
            _ => vec![format!("{} to {}", run.start, run.end - 1)],
        })
        .collect();
    crate::content::fields::in_a_list(&words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_xlsx_sheet_s_hidden_rows_are_found_by_number_or_by_order() {
        let xml = br#"<worksheet><sheetData><row r="1"/><row r="3" hidden="1"/><row hidden="true"/><row r="9" spans="1:2" hidden="0"/></sheetData></worksheet>"#;
        assert_eq!(xlsx_hidden(xml).rows, vec![Range { start: 3, end: 5 }]);
    }

    #[test]
    fn an_ods_sheet_s_hidden_rows_count_repeats_and_only_that_sheet() {
        let xml = br#"<office:document-content xmlns:table="t"><office:body><office:spreadsheet>
<table:table table:name="Other"><table:table-row table:visibility="collapse"/></table:table>
<table:table table:name="Entries">
<table:table-row><table:table-cell/></table:table-row>
<table:table-row table:number-rows-repeated="2" table:visibility="filter"><table:table-cell/></table:table-row>
<table:table-row><table:table-cell><table:table table:name="Entries"><table:table-row table:visibility="collapse"/></table:table></table:table-cell></table:table-row>
<table:table-row-group><table:table-row table:visibility="collapse"/></table:table-row-group>
<table:table-row table:number-rows-repeated="1048570" table:visibility="collapse"/>
</table:table></office:spreadsheet></office:body></office:document-content>"#;
        assert_eq!(ods_layout(xml, "Entries").0.rows, [2..4, 5..1_048_576]);
        assert_eq!(
            ods_layout(xml, "Other").0.rows,
            vec![Range { start: 1, end: 2 }]
        );
    }

    #[test]
    fn hidden_columns_are_found_in_both_kinds_of_workbook() {
        let xlsx = br#"<worksheet><cols><col min="1" max="2" width="9"/><col min="3" max="4" hidden="1"/><col min="8" max="8" hidden="true"/></cols><sheetData/></worksheet>"#;
        assert_eq!(xlsx_hidden(xlsx).columns, [3..5, 8..9]);
        let ods = br#"<table:table table:name="Entries"><table:table-column table:number-columns-repeated="2"/><table:table-header-columns><table:table-column table:visibility="collapse"/></table:table-header-columns><table:table-column table:number-columns-repeated="3" table:visibility="collapse"/><table:table-row/></table:table>"#;
        assert_eq!(
            ods_layout(ods, "Entries").0.columns,
            vec![Range { start: 3, end: 7 }]
        );
    }

    #[test]
    fn rows_are_said_in_runs() {
        assert_eq!(in_words(&[4]), "4");
        assert_eq!(in_words(&[4, 7]), "4 and 7");
        assert_eq!(in_words(&[4, 7, 9, 10, 11, 12]), "4, 7 and 9 to 12");
        assert_eq!(in_words(&[3, 5, 6]), "3, 5 and 6");
    }

    #[test]
    fn an_ods_sheet_s_merged_cells_count_repeats_and_only_that_sheet() {
        let xml = br#"<office:document-content xmlns:table="t"><office:body><office:spreadsheet>
<table:table table:name="Other"><table:table-row><table:table-cell table:number-rows-spanned="2"/></table:table-row></table:table>
<table:table table:name="Entries">
<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3"/></table:table-row>
<table:table-row><table:table-cell table:number-columns-repeated="3"/><table:table-cell table:number-rows-spanned="2"><table:table table:name="Entries"><table:table-row><table:table-cell table:number-rows-spanned="9"/></table:table-row></table:table></table:table-cell><table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="2"/><table:covered-table-cell/></table:table-row>
<table:table-row><table:table-cell table:number-columns-repeated="3"/><table:covered-table-cell table:number-columns-repeated="3"/></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"#;
        assert_eq!(
            ods_layout(xml, "Entries").1,
            [
                Merged {
                    rows: 3..5,
                    columns: 3..4
                },
                Merged {
                    rows: 3..5,
                    columns: 4..6
                },
            ]
        );
        assert_eq!(ods_layout(xml, "Other").1.len(), 1);
    }
}
